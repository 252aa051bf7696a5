package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.value.Blob;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** Blob.valueOf and Blob's instance methods. */
final class BlobLib implements Builtin {
    @Override
    public String name() {
        return "Blob";
    }

    @Override
    public Set<String> statics() {
        return Set.of("valueof");
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
        return Blob.of(Args.strNotNull(f, a, 0));
    }

    static Object instance(Frame f, Blob b, String m, List<Object> a) {
        switch (m) {
            case "tostring":
                try {
                    return StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(b.bytes()))
                            .toString();
                } catch (CharacterCodingException e) {
                    // UNCONFIRMED wording
                    throw Errors.apex(f, "StringException", "BLOB is not a valid UTF-8 string");
                }
            case "size":
                return b.bytes().length;
            default:
                throw Args.noSuch(f, "Blob", m, a);
        }
    }
}
