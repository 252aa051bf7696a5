package dev.warden.localorg.soap;

import com.sforce.soap.partner.LoginResponse_element;
import com.sforce.soap.partner.LoginResult;
import com.sforce.soap.partner.Login_element;
import com.sforce.ws.bind.TypeMapper;
import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.misc.UserPasswords;
import dev.warden.localorg.rules.Access;
import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Session;
import dev.warden.localorg.setup.Org;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Partner API's {@code login(username, password)} (simple-salesforce's and WSC's username-password login): the
 * password is the user's password followed by their security token, or the password alone from an address in the
 * org's trusted IP ranges (Network Access) or the profile's login IP ranges. Answers a LoginResult whose serverUrl is
 * this org's Partner endpoint; the session works for REST, SOAP and Bulk like an OAuth one. Passwords and tokens come
 * from {@link UserPasswords} (set by {@code setPassword} or {@code /_local/login-credentials}).
 */
final class PasswordLogin {
    static final String INVALID_LOGIN = "Invalid username, password, security token; or user locked out.";
    // The platform's wording for a correct password without a token from outside the trusted ranges.
    static final String MUST_USE_TOKEN = "Invalid username, password, security token; or user locked out. Are you at a"
            + " new location? When accessing Salesforce--either via a desktop client or the API--from outside of your"
            + " company’s trusted networks, you must add a security token to your password to log in. To get your new"
            + " security token, log in to Salesforce. From your personal settings, enter Reset My Security Token in the"
            + " Quick Find box, then select Reset My Security Token.";
    private static final Pattern VERSION = Pattern.compile("/services/Soap/u/(\\d+\\.\\d+)");

    private PasswordLogin() {}

    static SoapAnswer handle(LocalOrgContext ctx, Request req) {
        TypeMapper mapper = new TypeMapper();
        Org org = req.org();
        String ip = req.clientIp();
        try {
            SoapMessage.Parsed p = SoapMessage.parse(req.body(), PartnerSoapApi.NS, "com.sforce.soap.partner", mapper);
            Login_element login = (Login_element) p.element();
            String username = login.getUsername();
            Record user = username == null ? null : org.db().findOne("User", "Username", username);
            if (user == null || !user.is("IsActive")) {
                throw failed(org, user, ip, "Invalid Password", INVALID_LOGIN);
            }
            Record profile = org.db().retrieve(user.getString("ProfileId"));
            var profileRanges = org.metadata().profileLoginIpRanges(profile.getString("Name"));
            if (!profileRanges.isEmpty() && profileRanges.stream().noneMatch(r -> r.contains(ip))) {
                // Code and LoginHistory status UNCONFIRMED for a login outside the profile's ranges.
                throw failed(org, user, ip, "Restricted IP", INVALID_LOGIN);
            }
            String given = login.getPassword() == null ? "" : login.getPassword();
            // UNCONFIRMED that the profile's login IP ranges spare the token like the org's trusted ranges do.
            boolean trusted = org.metadata().isTrustedAddress(ip) || !profileRanges.isEmpty();
            boolean ok = trusted && UserPasswords.matches(org, user.id(), given);
            if (!ok && given.length() > UserPasswords.TOKEN_LENGTH) {
                int cut = given.length() - UserPasswords.TOKEN_LENGTH;
                ok = UserPasswords.matches(org, user.id(), given.substring(0, cut))
                        && UserPasswords.tokenMatches(org, user.id(), given.substring(cut));
            }
            if (!ok) {
                if (UserPasswords.matches(org, user.id(), given)) {
                    throw failed(org, user, ip, "Failed: API security token required", MUST_USE_TOKEN, true);
                }
                throw failed(org, user, ip, "Invalid Password", INVALID_LOGIN);
            }
            if (!Access.ofUser(org.db(), user.id()).has("ApiEnabled")) {
                throw failed(org, user, ip, "Failed: API disabled for this user", "API is disabled for this User")
                        .withCode("API_CURRENTLY_DISABLED");
            }
            Session s = ctx.sessions().issue(org.orgId(), user.id(), null, ip);
            org.db()
                    .update(
                            Caller.system(user.id()),
                            user.id(),
                            Map.of("LastLoginDate", org.db().clock().instant()));
            record(org, user.id(), ip, "Success");
            Matcher m = VERSION.matcher(req.path());
            String version = m.find() ? m.group(1) : "62.0";
            String org15 = org.orgId().substring(0, 15);
            LoginResult r = new LoginResult();
            r.setServerUrl(ctx.instanceUrl() + "/services/Soap/u/" + version + "/" + org15);
            r.setMetadataServerUrl(ctx.instanceUrl() + "/services/Soap/m/" + version + "/" + org15);
            r.setSessionId(s.token());
            r.setUserId(user.id());
            r.setPasswordExpired(false);
            r.setSandbox(false);
            r.setUserInfo(PartnerSoapApi.userInfoResult(org, user.id()));
            LoginResponse_element out = new LoginResponse_element();
            out.setResult(r);
            return new SoapAnswer(
                    200, SoapMessage.write(PartnerSoapApi.NS, "loginResponse", out, mapper, PartnerSoapApi.SOBJECT_NS));
        } catch (Failed f) {
            return new SoapAnswer(500, SoapMessage.fault(new SoapFault(f.code, f.getMessage(), "LoginFault")));
        } catch (SoapFault f) {
            return new SoapAnswer(500, SoapMessage.fault(f));
        }
    }

    private static Failed failed(Org org, Record user, String ip, String status, String message) {
        return failed(org, user, ip, status, message, false);
    }

    private static Failed failed(Org org, Record user, String ip, String status, String message, boolean token) {
        record(org, user == null ? null : user.id(), ip, status);
        return new Failed(token ? "LOGIN_MUST_USE_SECURITY_TOKEN" : "INVALID_LOGIN", message);
    }

    /**
     * LoginType "Other Apex API" for a SOAP login (UNCONFIRMED; the platform may say "Partner Product"); statuses
     * other than "Success", "Invalid Password" and "Failed: API security token required" are UNCONFIRMED.
     */
    private static void record(Org org, String userId, String ip, String status) {
        org.logins().record(org.adminUserId(), userId, ip, "Other Apex API", status, "N/A", "SOAP Partner", null);
    }

    private static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private String code;

        Failed(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        Failed withCode(String c) {
            this.code = c;
            return this;
        }
    }
}
