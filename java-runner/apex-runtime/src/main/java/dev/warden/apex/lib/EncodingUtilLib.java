package dev.warden.apex.lib;

import dev.warden.apex.exec.Frame;
import dev.warden.apex.value.Blob;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** EncodingUtil: base64, hex, URL encoding. */
final class EncodingUtilLib implements Builtin {
    @Override
    public String name() {
        return "EncodingUtil";
    }

    @Override
    public Set<String> statics() {
        return Set.of("base64encode", "base64decode", "converttohex", "urlencode", "urldecode");
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
        return switch (m) {
            case "base64encode" -> Base64.getEncoder().encodeToString(((Blob) a.get(0)).bytes());
            case "base64decode" -> new Blob(Base64.getDecoder().decode(Args.strNotNull(f, a, 0)));
            case "converttohex" -> HexFormat.of().formatHex(((Blob) a.get(0)).bytes());
            case "urlencode" -> URLEncoder.encode(Args.strNotNull(f, a, 0), Charset.forName(Args.strNotNull(f, a, 1)));
            case "urldecode" -> URLDecoder.decode(Args.strNotNull(f, a, 0), Charset.forName(Args.strNotNull(f, a, 1)));
            default -> throw Args.noSuch(f, "EncodingUtil", m, a);
        };
    }
}
