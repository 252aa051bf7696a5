package dev.warden.runner.quarantine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DetectorsTest {

    static boolean flags(Detector d, String text) {
        return d.inspect(Content.ofText(text)).isPresent();
    }

    /** Test-only samples are assembled at run time so the repository never contains them verbatim. */
    static final class Samples {
        static String eicar() {
            return new String(EicarDetector.signature(), StandardCharsets.US_ASCII);
        }

        static String awsKeyId() {
            return "AK" + "IA" + "Q3ZT7V2M" + "XR4WL6NB";
        }

        static String pem(String label, long seed) {
            byte[] body = new byte[300];
            new Random(seed).nextBytes(body);
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(body);
            String dashes = "-".repeat(5);
            return dashes + "BEGIN " + label + dashes + "\n" + b64 + "\n" + dashes + "END " + label + dashes + "\n";
        }
    }

    @Nested
    class Eicar {
        final EicarDetector d = new EicarDetector();

        @Test
        void theTestFileIsFlagged() {
            assertTrue(flags(d, Samples.eicar()));
        }

        @Test
        void theTestFileWithTrailingWhitespaceIsFlagged() {
            assertTrue(flags(d, Samples.eicar() + "\r\n  \t"));
        }

        @Test
        void aDocumentQuotingTheStringIsNotTheTestFile() {
            assertFalse(flags(d, "Our AV guide: " + Samples.eicar()));
            assertFalse(flags(d, Samples.eicar() + " is the EICAR string"));
        }

        @Test
        void aTruncatedSignatureIsNotFlagged() {
            assertFalse(flags(d, Samples.eicar().substring(0, 60)));
        }

        @Test
        void theSignatureIs68Bytes() {
            assertEquals(68, EicarDetector.signature().length);
        }
    }

    @Nested
    class Blocklist {
        final String helloSha = Content.sha256Hex("hello".getBytes(StandardCharsets.UTF_8));

        @Test
        void contentWhoseHashIsListedIsFlagged() {
            Sha256Blocklist list = Sha256Blocklist.parse(
                    List.of("# known bad", "", helloSha.toUpperCase() + "  dropper.exe"), "bl.txt");
            Optional<Finding> f = list.inspect(Content.ofText("hello"));
            assertTrue(f.isPresent());
            assertEquals("sha256-blocklist", f.get().detector());
        }

        @Test
        void otherContentIsNotFlagged() {
            Sha256Blocklist list = Sha256Blocklist.parse(List.of(helloSha), "bl.txt");
            assertFalse(list.inspect(Content.ofText("hello ")).isPresent());
        }

        @Test
        void aMalformedLineIsRejectedWithItsLineNumber() {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> Sha256Blocklist.parse(List.of(helloSha, "abc123"), "bl.txt"));
            assertEquals("bl.txt:2: expected a SHA-256 (64 hex digits), got 'abc123'", e.getMessage());
        }
    }

    @Nested
    class Cards {
        final CardNumberDetector d = new CardNumberDetector();

        @Test
        void luhnValidCardNumbersAreFlaggedInAnyUsualLayout() {
            assertTrue(flags(d, "card 4111111111111111 exp 12/29"));
            assertTrue(flags(d, "<p>Please charge 4111 1111 1111 1111 today</p>"));
            assertTrue(flags(d, "mc: 5555-5555-5555-4444."));
            assertTrue(flags(d, "amex 378282246310005"));
        }

        @Test
        void theReasonNamesTheKindButNotTheNumber() {
            Finding f = d.inspect(Content.ofText("x 4111111111111111")).orElseThrow();
            assertFalse(f.reason().contains("1111"));
        }

        @Test
        void luhnInvalidNumbersAreNotFlagged() {
            assertFalse(flags(d, "order 4111111111111112"));
        }

        @Test
        void digitsInsideLongerTokensAreNotFlagged() {
            assertFalse(flags(d, "INV4111111111111111"));
            assertFalse(flags(d, "id 94111111111111111x"));
            assertFalse(flags(d, "sha 4111111111111111ab"));
        }

        @Test
        void everyMajorNetworksPublicTestNumbersAreFlaggedWithTheirBrand() {
            String[][] cards = {
                {"4111111111111111", "Visa"},
                {"4012888888881881", "Visa"},
                {"4222222222222", "Visa"},
                {"5555555555554444", "Mastercard"},
                {"2223003122003222", "Mastercard"},
                {"378282246310005", "American Express"},
                {"3782 822463 10005", "American Express"},
                {"6011111111111117", "Discover"},
                {"6011 0009 9013 9424", "Discover"},
                {"30569309025904", "Diners Club"},
                {"3056 930902 5904", "Diners Club"},
                {"3530111333300000", "JCB"},
                {"6200000000000005", "UnionPay"},
                {"4111-1111-1111-1111", "Visa"}
            };
            for (String[] c : cards) {
                Finding f = d.inspect(Content.ofText("pay with " + c[0] + " please"))
                        .orElseThrow(() -> new AssertionError(c[0]));
                assertTrue(f.reason().contains(c[1]), c[0] + ": " + f.reason());
            }
        }

        @Test
        void decimalFractionsAndNumbersInsideNumbersAreNotCardNumbers() {
            // 4221165755827173 is Luhn-valid with a Visa prefix: only its place in a decimal makes it not a card.
            assertTrue(Luhn.isValid("4221165755827173"));
            assertFalse(flags(d, "{\"score\":0.4221165755827173}"));
            assertFalse(flags(d, "x = 12.4221165755827173"));
            assertFalse(flags(d, "x = 4221165755827173.25"));
            assertFalse(flags(d, "x = 4221165755827173,25"));
            assertFalse(flags(d, "1,4221165755827173"));
            assertFalse(flags(d, "range 7-4221165755827173"));
            assertFalse(flags(d, "range 4221165755827173-7"));
            assertTrue(flags(d, "csv;4221165755827173;ok"), "a field of its own is a candidate");
            assertTrue(flags(d, "Total: 4221165755827173."), "a full stop that ends a sentence is not a decimal point");
        }

        @Test
        void wrongGroupingPrefixOrLengthForTheBrandIsNotFlagged() {
            assertFalse(flags(d, "41 1111 1111 1111 11"), "not how cards are printed");
            assertFalse(flags(d, "4111 11111111 1111"), "not how cards are printed");
            assertFalse(flags(d, "3782822463100050"), "Amex is 15 digits");
            assertFalse(flags(d, "55555555555544440"), "Mastercard is 16 digits");
            assertFalse(flags(d, "7992739871399999"), "no network issues 7...");
            assertFalse(flags(d, "1234567812345670"), "no network issues 1...");
            assertFalse(flags(d, "8888888888888888888"));
        }

        @Test
        void tooShortMixedSeparatorsOrNonCardPrefixesAreNotFlagged() {
            assertFalse(flags(d, "4111 1111 111"));
            assertFalse(flags(d, "4111 1111-1111 1111"));
            assertFalse(flags(d, "tracking 1234567812345670"));
        }
    }

    @Nested
    class Ssn {
        final UsSsnDetector d = new UsSsnDetector();

        @Test
        void dashedSsnsAreFlagged() {
            assertTrue(flags(d, "SSN: " + "123" + "-45-" + "6789"));
            assertTrue(flags(d, "<b>" + "536" + "-22-" + "8174" + "</b>"));
        }

        @Test
        void numbersNeverIssuedAreNotFlagged() {
            for (String s : List.of("000-12-3456", "666-12-3456", "912-34-5678", "123-00-4567", "123-45-0000")) {
                assertFalse(flags(d, "x " + s + " y"), s);
            }
        }

        @Test
        void bareNineDigitRunsPhonesAndLongerDashedNumbersAreNotFlagged() {
            assertFalse(flags(d, "order 123456789"));
            assertFalse(flags(d, "call 555-123-4567"));
            assertFalse(flags(d, "ref 2024-12-3456"));
            assertFalse(flags(d, "part 123-45-6789-01"));
        }
    }

    @Nested
    class AwsKeys {
        final AwsAccessKeyDetector d = new AwsAccessKeyDetector();

        @Test
        void accessKeyIdsAreFlagged() {
            assertTrue(flags(d, "aws_access_key_id = " + Samples.awsKeyId()));
            assertTrue(flags(d, "\"" + Samples.awsKeyId().replaceFirst("AKIA", "ASIA") + "\""));
        }

        @Test
        void awsDocumentationExamplesAreNotFlagged() {
            assertFalse(flags(d, "aws_access_key_id = " + "AKIA" + "IOSFODNN7" + "EXAMPLE"));
        }

        @Test
        void lookAlikesAreNotFlagged() {
            assertFalse(flags(d, Samples.awsKeyId().toLowerCase()));
            assertFalse(flags(d, "X" + Samples.awsKeyId()));
            assertFalse(flags(d, Samples.awsKeyId().substring(0, 19)));
            assertFalse(flags(d, Samples.awsKeyId().substring(0, 19) + "1"));
        }
    }

    @Nested
    class PrivateKeys {
        final PrivateKeyDetector d = new PrivateKeyDetector();

        @Test
        void pemPrivateKeyBlocksAreFlagged() {
            assertTrue(flags(d, "config:\n" + Samples.pem("RSA PRIVATE KEY", 1)));
            assertTrue(flags(d, Samples.pem("PRIVATE KEY", 2)));
            assertTrue(flags(d, Samples.pem("OPENSSH PRIVATE KEY", 3).replace("\n", "\r\n")));
        }

        @Test
        void theReasonNamesTheBlockType() {
            assertEquals(
                    "ec private key block at character 0",
                    d.inspect(Content.ofText(Samples.pem("EC PRIVATE KEY", 4)))
                            .orElseThrow()
                            .reason());
        }

        @Test
        void publicKeysCertificatesAndBareHeadersAreNotFlagged() {
            assertFalse(flags(d, Samples.pem("PUBLIC KEY", 5)));
            assertFalse(flags(d, Samples.pem("CERTIFICATE", 6)));
            String header = "-".repeat(5) + "BEGIN " + "PRIVATE" + " KEY" + "-".repeat(5);
            assertFalse(flags(d, "Paste the block starting with " + header + " here."));
        }

        @Test
        void mismatchedEndLinesAreNotFlagged() {
            assertFalse(flags(d, Samples.pem("RSA PRIVATE KEY", 7).replace("END RSA", "END EC")));
        }
    }

    @Nested
    class Standard {
        @Test
        void malwareWinsOverDataRules() {
            Detectors all = Detectors.standard(null);
            assertEquals(
                    "eicar",
                    all.inspect(Content.ofText(Samples.eicar())).orElseThrow().detector());
            assertEquals(
                    "dlp.card",
                    all.inspect(Content.ofText("4111 1111 1111 1111"))
                            .orElseThrow()
                            .detector());
            assertFalse(all.inspect(Content.ofText("quarterly report, nothing to see"))
                    .isPresent());
        }
    }
}
