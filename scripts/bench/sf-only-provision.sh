#!/usr/bin/env bash
# Baseline for the benchmark: the same provisioning `warden up` does for the built-in blueprint, with the sf CLI
# alone, the way an admin would script the vendor guides. One sf call per step; no journal, no rollback, no checks
# beyond the final JWT login. Usage: sf-only-provision.sh <sf-alias-of-the-org>  (sf runs with the caller's HOME).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
real_sf="${WARDEN_SF:-$root/scripts/lib/sf}"
org="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# every sf invocation is counted (in a file: command substitutions run in subshells)
sf() { echo x >> "$work/sf-calls"; "$real_sf" "$@"; }
sf="sf"
q() { "$sf" data query --target-org "$org" --query "$1" --json | jq -r '.result.records[0].Id // empty'; }

cd "$root"
# 1. deploy the package
"$sf" project deploy start --target-org "$org" --source-dir force-app --wait 30 --json >/dev/null
# 2. find the org id and the integration profile, create the integration user
org_id="$("$sf" org display --target-org "$org" --json | jq -r .result.id)"
admin="$("$sf" org display --target-org "$org" --json | jq -r .result.username)"
user="warden.scanner@$(echo "$org_id" | tr 'A-Z' 'a-z').warden.invalid"
profile_id="$(q "SELECT Id FROM Profile WHERE Name = 'Minimum Access - API Only Integrations'")"
"$sf" data create record --target-org "$org" --sobject User --json --values \
  "Username='$user' Email='warden-scanner@example.invalid' Alias=wardensc FirstName=Warden LastName=Scanner ProfileId=$profile_id TimeZoneSidKey=GMT LocaleSidKey=en_US EmailEncodingKey=UTF-8 LanguageLocaleKey=en_US" >/dev/null
# 3. temporary approval permission set for the installing admin
"$sf" org assign permset --target-org "$org" --name Warden_Connect_Approval --json >/dev/null
# 4. key pair + certificate, global OAuth settings of the app deployed from a generated source dir
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/server.key" -out "$work/server.crt" -days 730 -subj "/CN=Warden_Scanner" 2>/dev/null
key="3MVG9$(openssl rand -hex 30)"
mkdir -p "$work/src/extlClntAppGlobalOauthSets"
cat > "$work/src/extlClntAppGlobalOauthSets/Warden_Scanner_glbloauth.ecaGlblOauth-meta.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <callbackUrl>http://localhost:1717/OauthRedirect</callbackUrl>
    <certificate>$(cat "$work/server.crt")</certificate>
    <consumerKey>$key</consumerKey>
    <externalClientApplication>Warden_Scanner</externalClientApplication>
    <isConsumerSecretOptional>false</isConsumerSecretOptional>
    <label>Warden_Scanner Global OAuth</label>
</ExtlClntAppGlobalOauthSettings>
XML
cp sfdx-project.json "$work/"
sed -i 's#"path": "force-app"#"path": "src"#' "$work/sfdx-project.json"
(cd "$work" && "$sf" project deploy start --target-org "$org" --source-dir src --wait 30 --json >/dev/null)
# 5. permission set license first, then the permission sets
"$sf" org assign permsetlicense --target-org "$org" --name SalesforceAPIIntegrationPsl --on-behalf-of "$user" --json >/dev/null
"$sf" org assign permset --target-org "$org" --name Warden_Integration --name Warden_Query_All_Files --name Warden_Scanner_Access \
  --on-behalf-of "$user" --json >/dev/null
# 6. remove the temporary approval permission set again
psa="$(q "SELECT Id FROM PermissionSetAssignment WHERE PermissionSet.Name = 'Warden_Connect_Approval' AND Assignee.Username = '$admin'")"
"$sf" data delete record --target-org "$org" --sobject PermissionSetAssignment --record-id "$psa" --json >/dev/null
# 7. install the app: a Setup click (Connected Apps OAuth Usage > Install); the embedded org's admin stand-in when the
#    harness passes its URL and admin token (kept in the environment, never on a command line)
if [[ -n "${BENCH_LOCAL_ORG_URL:-}" ]]; then
  curl -sf -X POST -H "Authorization: Bearer $BENCH_LOCAL_ORG_TOKEN" "$BENCH_LOCAL_ORG_URL/_local/eca/Warden_Scanner/install" >/dev/null
fi
# 8. verify: log in as the integration user by JWT
"$sf" org login jwt --username "$user" --jwt-key-file "$work/server.key" --client-id "$key" \
  --instance-url "$("$sf" org display --target-org "$org" --json | jq -r .result.instanceUrl)" --json >/dev/null
echo "sf-only provisioning of $user done: $(wc -l < "$work/sf-calls") sf invocations"
