"""simple-salesforce's everyday calls against a local org over https. Written here for Warden (not copied from
simple-salesforce's tests).

Usage: python contract.py [--json]   (run with the venv that scripts/simple-salesforce-contract builds)
  env LOCAL_ORG_URL, LOCAL_ORG_TOKEN, LOCAL_ORG_CERT: use a running local org (https, its certificate file);
  otherwise the script starts one itself with the repo's launcher (`scripts/warden local-org serve --https`, a
  fresh org: WARDEN_LOCAL_ORG_STATE empty) and stops it at the end.
Prints one "PASS name" / "FAIL name: reason" line per call and exits 1 when any failed (2 on bad setup). With --json
the last line is {"passed": [...], "failed": {"name": "reason"}} (read by SimpleSalesforceContractTest).
TLS is verified against the local org's own certificate (never verify=False).
"""
import csv
import importlib.metadata
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import requests
from simple_salesforce import Salesforce, SalesforceLogin
from simple_salesforce.exceptions import SalesforceAuthenticationFailed, SalesforceResourceNotFound

API = "62.0"
ROOT = Path(__file__).resolve().parents[5]


def start_org():
    """Starts `scripts/warden local-org serve --https` and reads its ready line (instanceUrl, token, cert path)."""
    env = dict(os.environ, WARDEN_LOCAL_ORG_STATE="")
    proc = subprocess.Popen(
        [str(ROOT / "scripts" / "warden"), "local-org", "serve", "--https"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True, start_new_session=True)
    line = proc.stdout.readline()
    if not line.startswith("{"):
        proc.kill()
        print("contract: the local org did not start (scripts/warden local-org serve --https)", file=sys.stderr)
        sys.exit(2)
    ready = json.loads(line)
    return proc, ready["instanceUrl"], ready["accessToken"], ready["certificatePem"]


class Checks:
    def __init__(self, url, token, cert):
        self.url, self.token, self.cert = url, token, cert
        # Trust the local org's self-signed certificate. REQUESTS_CA_BUNDLE, not only Session.verify: requests lets
        # REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE from the environment override a session's verify, and sf.mdapi's zeep
        # client opens its own requests session (which only the environment reaches).
        os.environ["REQUESTS_CA_BUNDLE"] = cert
        os.environ.pop("CURL_CA_BUNDLE", None)
        self.http = requests.Session()
        self.http.verify = cert
        self.sf = Salesforce(instance_url=url, session_id=token, session=self.http, version=API)

    # ---------------------------------------------------------------- login

    def login_session_id(self):
        r = self.sf.query("SELECT Id, Username FROM User WHERE Username = 'admin@warden.local'")
        check(r["totalSize"] == 1, "admin user through session id + instance_url")

    def login_soap_password_and_token(self):
        # The local org's stand-in for Setup's password reset and the security token e-mail (no public API).
        creds = self.admin("POST", "/_local/login-credentials",
                           {"username": "admin@warden.local", "password": "Contract-pw-1"})
        session_id, instance = SalesforceLogin(
            username="admin@warden.local", password="Contract-pw-1", security_token=creds["securityToken"],
            sf_version=API, session=self.http, scratch_url=self.url)
        check(instance == self.url.split("//")[1], f"serverUrl host {instance}")
        sf = Salesforce(session_id=session_id, instance=instance, session=self.http, version=API)
        check(sf.query("SELECT Id FROM User")["totalSize"] >= 1, "query with the SOAP login's session")
        try:
            SalesforceLogin(username="admin@warden.local", password="Contract-pw-1", security_token="wrong",
                            sf_version=API, session=self.http, scratch_url=self.url)
            raise AssertionError("a wrong security token logged in")
        except SalesforceAuthenticationFailed as e:
            check(e.code == "INVALID_LOGIN", f"wrong token: {e.code}")

    # ---------------------------------------------------------------- query

    def query_and_query_all_paging(self):
        rows = [{"attributes": {"type": "Account"}, "Name": f"Paged {i:03d}"} for i in range(450)]
        for i in range(0, 450, 200):
            r = self.sf.restful("composite/sobjects", method="POST",
                                json={"allOrNone": True, "records": rows[i:i + 200]})
            check(all(x["success"] for x in r), "composite/sobjects create")
        soql = "SELECT Id, Name FROM Account WHERE Name LIKE 'Paged %' ORDER BY Name"
        first = self.sf.query(soql, headers={"Sforce-Query-Options": "batchSize=200"})
        check(first["totalSize"] == 450 and len(first["records"]) == 200 and not first["done"], "first page")
        more = self.sf.query_more(first["nextRecordsUrl"], identifier_is_url=True)
        check(len(more["records"]) == 200 and more["records"][0]["Name"] == "Paged 200", "query_more by url")
        every = self.sf.query_all(soql, headers={"Sforce-Query-Options": "batchSize=200"})
        check(every["totalSize"] == 450 and every["records"][449]["Name"] == "Paged 449", "query_all over 3 pages")
        lazy = list(self.sf.query_all_iter(soql, headers={"Sforce-Query-Options": "batchSize=200"}))
        check(len(lazy) == 450, "query_all_iter")

    def query_include_deleted(self):
        acc = self.sf.Account.create({"Name": "Deleted For QueryAll"})
        self.sf.Account.delete(acc["id"])
        soql = f"SELECT Id, IsDeleted FROM Account WHERE Id = '{acc['id']}'"
        check(self.sf.query(soql)["totalSize"] == 0, "query hides the deleted row")
        r = self.sf.query_all(soql, include_deleted=True)
        check(r["totalSize"] == 1 and r["records"][0]["IsDeleted"] is True, "queryAll shows it")

    # ------------------------------------------------------------- describe

    def describe_global_and_sobject(self):
        g = self.sf.describe()
        check(any(s["name"] == "Account" for s in g["sobjects"]), "global describe lists Account")
        d = self.sf.Opportunity.describe()
        stage = next(f for f in d["fields"] if f["name"] == "StageName")
        check(any(p["value"] == "Closed Won" for p in stage["picklistValues"]), "StageName picklist")
        check(self.sf.Account.metadata()["objectDescribe"]["name"] == "Account", "sobject basic info")

    # ----------------------------------------------------------------- CRUD

    def crud(self):
        c = self.sf.Lead.create({"LastName": "Crud", "Company": "Python Co"})
        check(c["success"], "create")
        r = self.sf.Lead.get(c["id"])
        check(r["Name"] == "Crud" and r["Status"] == "Open - Not Contacted", "get with defaults")
        check(self.sf.Lead.update(c["id"], {"FirstName": "Py"}) == 204, "update answers 204")
        check(self.sf.Lead.get(c["id"])["Name"] == "Py Crud", "update recomputes Name")
        check(self.sf.Lead.delete(c["id"]) == 204, "delete answers 204")
        try:
            self.sf.Lead.get(c["id"])
            raise AssertionError("get after delete found the record")
        except SalesforceResourceNotFound:
            pass

    def upsert_by_external_id(self):
        check(self.sf.Product2.upsert("ExternalId/PY-EXT-1", {"Name": "Py Widget"}) == 201, "upsert inserts (201)")
        # API 46.0 and later answer an update through upsert with 200 and a body (created false), not 204.
        check(self.sf.Product2.upsert("ExternalId/PY-EXT-1", {"Name": "Py Widget 2"}) == 200, "upsert updates")
        got = self.sf.Product2.get_by_custom_id("ExternalId", "PY-EXT-1")
        check(got["Name"] == "Py Widget 2", "get_by_custom_id")

    # ------------------------------------------------------------ composite

    def composite(self):
        v = f"/services/data/v{API}"
        r = self.sf.restful("composite", method="POST", json={
            "allOrNone": True,
            "compositeRequest": [
                {"method": "POST", "url": f"{v}/sobjects/Account", "referenceId": "acc", "body": {"Name": "PyComp"}},
                {"method": "POST", "url": f"{v}/sobjects/Contact", "referenceId": "con",
                 "body": {"LastName": "PyComp", "AccountId": "@{acc.id}"}},
                {"method": "GET", "url": f"{v}/sobjects/Contact/@{{con.id}}?fields=AccountId", "referenceId": "get"},
            ]})
        codes = [x["httpStatusCode"] for x in r["compositeResponse"]]
        check(codes == [201, 201, 200], f"composite statuses {codes}")
        check(r["compositeResponse"][2]["body"]["AccountId"] == r["compositeResponse"][0]["body"]["id"], "@{ref}")

    def composite_collections(self):
        r = self.sf.restful("composite/sobjects", method="POST", json={"allOrNone": True, "records": [
            {"attributes": {"type": "Account"}, "Name": "Coll A"}, {"attributes": {"type": "Account"}, "Name": ""}]})
        check(not r[0]["success"] and r[1]["errors"][0]["statusCode"] == "REQUIRED_FIELD_MISSING", "allOrNone")
        r = self.sf.restful("composite/sobjects", method="POST", json={"records": [
            {"attributes": {"type": "Account"}, "Name": "Coll A"}, {"attributes": {"type": "Account"}, "Name": "Coll B"}]})
        ids = ",".join(x["id"] for x in r)
        got = self.sf.restful(f"composite/sobjects/Account", method="GET", params={"ids": ids, "fields": "Name"})
        check([x["Name"] for x in got] == ["Coll A", "Coll B"], "collection retrieve")
        gone = self.sf.restful("composite/sobjects", method="DELETE", params={"ids": ids})
        check(all(x["success"] for x in gone), "collection delete")

    # ---------------------------------------------------------------- bulk 2

    def bulk2_insert_upsert_query(self):
        path = Path(tempfile.mkdtemp()) / "accounts.csv"
        with open(path, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["Name", "AccountNumber", "Industry"])
            for i in range(300):
                w.writerow([f"Bulk2Py {i}", f"B2-{i}", "Energy"])
        res = self.sf.bulk2.Account.insert(csv_file=str(path), wait=1)
        check(sum(r["numberRecordsProcessed"] for r in res) == 300, f"insert results {res}")
        check(sum(r["numberRecordsFailed"] for r in res) == 0, f"insert failures {res}")
        self.sf.Product2.create({"Name": "B2 Widget", "ExternalId": "B2-W-1"})
        up = self.sf.bulk2.Product2.upsert(
            records=[{"ExternalId": "B2-W-1", "Family": "Hardware"}, {"ExternalId": "B2-W-2", "Name": "B2 Widget 2"}],
            external_id_field="ExternalId", wait=1)
        check(up[0]["numberRecordsProcessed"] == 2 and up[0]["numberRecordsFailed"] == 0, f"upsert {up}")
        fam = self.sf.query("SELECT Family FROM Product2 WHERE ExternalId IN ('B2-W-1', 'B2-W-2') ORDER BY Name")
        check([r["Family"] for r in fam["records"]] == ["Hardware", None], f"upsert updated one, inserted one {fam}")
        pages = list(self.sf.bulk2.Account.query(
            "SELECT Name, Industry FROM Account WHERE Name LIKE 'Bulk2Py %'", max_records=200, wait=1))
        rows = [r for p in pages for r in csv.DictReader(io.StringIO(p))]
        check(len(pages) == 2 and len(rows) == 300, f"query gave {len(rows)} rows in {len(pages)} pages")
        ok = self.sf.bulk2.Account.get_successful_records(res[0]["job_id"])
        check(len(list(csv.DictReader(io.StringIO(ok)))) == 300, "successful records")

    # ---------------------------------------------------------------- bulk 1

    def bulk1_insert_and_query(self):
        res = self.sf.bulk.Account.insert(
            [{"Name": "Bulk1Py A"}, {"Name": "Bulk1Py B"}, {"Name": ""}], batch_size=10000)
        check(len(res) == 3 and [r["success"] for r in res] == [True, True, False], f"bulk insert {res}")
        recs = self.sf.bulk.Account.query("SELECT Id, Name FROM Account WHERE Name LIKE 'Bulk1Py %' ORDER BY Name")
        check([r["Name"] for r in recs] == ["Bulk1Py A", "Bulk1Py B"], f"bulk query {recs}")
        up = self.sf.bulk.Product2.upsert([{"ExternalId": "PY-B1-1", "Name": "B1 Widget"}], "ExternalId")
        check(up[0]["success"] and up[0]["created"], f"bulk upsert {up}")

    # ----------------------------------------------------------------- SOSL

    def sosl_search_and_quick_search(self):
        self.sf.Account.create({"Name": "Python Searchable Okapi"})
        r = self.sf.search("FIND {okapi} IN NAME FIELDS RETURNING Account(Id, Name)")
        check(len(r["searchRecords"]) == 1 and r["searchRecords"][0]["Name"] == "Python Searchable Okapi", "search")
        q = self.sf.quick_search("okapi")
        check(len(q["searchRecords"]) == 1 and q["searchRecords"][0]["attributes"]["type"] == "Account", "quick")

    # -------------------------------------------------------------- metadata

    def mdapi_describe_list_read(self):
        d = self.sf.mdapi.describe_metadata()
        check(any(o.xmlName == "CustomObject" for o in d.metadataObjects), "describeMetadata catalogue")
        q = self.sf.mdapi.ListMetadataQuery(type="Profile")
        listed = self.sf.mdapi.list_metadata([q])
        # The platform lists System Administrator as "Admin"; the local org lists profiles by their Name
        # (docs/local-org.md "Third-party clients"), so only the answer's shape is checked here.
        check(len(listed) >= 1 and all(p.type == "Profile" and p.fullName for p in listed),
              f"listMetadata Profile: {[p.fullName for p in listed]}")
        ps = self.sf.mdapi.PermissionSet.read("NoSuchPermSet")
        check(ps is None or getattr(ps, "fullName", None) is None, "read of a missing name is empty")

    def mdapi_create_read_update_delete(self):
        md = self.sf.mdapi
        obj = md.CustomObject(
            fullName="PyCreated__c", label="Py Created", pluralLabel="Py Createds",
            nameField=md.CustomField(label="Name", type=md.FieldType("Text")),
            deploymentStatus=md.DeploymentStatus("Deployed"), sharingModel=md.SharingModel("ReadWrite"))
        md.CustomObject.create([obj])  # raises on an unsuccessful SaveResult
        check(md.CustomObject.read("PyCreated__c").label == "Py Created", "read back the created object")
        check(self.sf.PyCreated__c.describe()["label"] == "Py Created", "REST describe of the created object")
        try:
            md.CustomObject.create([obj])
            raise AssertionError("creating it twice succeeded")
        except Exception as e:  # simple-salesforce raises a plain Exception with the SaveResult's errors
            check("DUPLICATE_VALUE" in str(e), f"second create: {e}")
        obj.label = "Py Renamed"
        md.CustomObject.update([obj])
        check(md.CustomObject.read("PyCreated__c").label == "Py Renamed", "update")
        md.CustomObject.delete(["PyCreated__c"])
        check(md.CustomObject.read("PyCreated__c").fullName is None, "delete")

    def mdapi_deploy_and_check_status(self):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("unpackaged/package.xml", PACKAGE_XML)
            z.writestr("unpackaged/objects/PyGadget__c.object", GADGET_OBJECT)
            z.writestr("unpackaged/permissionsets/PyGadgets.permissionset", PERMSET)
        path = Path(tempfile.mkdtemp()) / "deploy.zip"
        path.write_bytes(buf.getvalue())
        started = self.sf.deploy(str(path), sandbox=False)
        check(started["asyncId"] is not None, f"deploy id {started}")
        status = None
        for _ in range(120):
            status = self.sf.checkDeployStatus(started["asyncId"])
            if status["state"] in ("Succeeded", "Failed", "Canceled"):
                break
            time.sleep(0.5)
        check(status["state"] == "Succeeded", f"deploy {status}")
        check(status["deployment_detail"]["deployed_count"] == "2", f"deployed {status['deployment_detail']}")
        self.sf.PyGadget__c.create({"Name": "G1", "Size__c": 3})
        check(self.sf.query("SELECT Size__c FROM PyGadget__c")["records"][0]["Size__c"] == 3, "deployed object works")
        ps = self.sf.mdapi.PermissionSet.read("PyGadgets")
        check(ps.label == "Py Gadgets", f"read back the deployed permission set: {ps}")

    # --------------------------------------------------------------- helpers

    def admin(self, method, path, body):
        r = self.http.request(method, self.url + path, json=body, headers={"Authorization": "Bearer " + self.token})
        if r.status_code >= 300:
            raise AssertionError(f"{path}: {r.status_code} {r.text[:200]}")
        return r.json()


PACKAGE_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<Package xmlns="http://soap.sforce.com/2006/04/metadata">
  <types><members>PyGadget__c</members><name>CustomObject</name></types>
  <types><members>PyGadgets</members><name>PermissionSet</name></types>
  <version>{API}</version>
</Package>"""
GADGET_OBJECT = """<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
  <label>Py Gadget</label><pluralLabel>Py Gadgets</pluralLabel>
  <nameField><label>Name</label><type>Text</type></nameField>
  <deploymentStatus>Deployed</deploymentStatus><sharingModel>ReadWrite</sharingModel>
  <fields><fullName>Size__c</fullName><label>Size</label><type>Number</type><precision>5</precision><scale>0</scale></fields>
</CustomObject>"""
PERMSET = """<?xml version="1.0" encoding="UTF-8"?>
<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
  <label>Py Gadgets</label>
  <objectPermissions><object>PyGadget__c</object><allowCreate>true</allowCreate><allowRead>true</allowRead>
    <allowEdit>true</allowEdit><allowDelete>true</allowDelete><viewAllRecords>false</viewAllRecords>
    <modifyAllRecords>false</modifyAllRecords></objectPermissions>
</PermissionSet>"""


def check(cond, message):
    if not cond:
        raise AssertionError(message)


def main():
    as_json = "--json" in sys.argv
    url, token, cert = (os.environ.get(k) for k in ("LOCAL_ORG_URL", "LOCAL_ORG_TOKEN", "LOCAL_ORG_CERT"))
    proc = None
    if not url:
        proc, url, token, cert = start_org()
    if not url.startswith("https://") or not cert or not Path(cert).is_file():
        print("contract: simple-salesforce needs an https local org and its certificate file (LOCAL_ORG_CERT)",
              file=sys.stderr)
        sys.exit(2)
    out = {"passed": [], "failed": {}}
    try:
        checks = Checks(url, token, cert)
        names = [n for n in Checks.__dict__ if not n.startswith("_") and n != "admin"]
        for name in names:
            t0 = time.monotonic()
            try:
                getattr(checks, name)()
                out["passed"].append(name)
                print(f"PASS {name} ({time.monotonic() - t0:.1f} s)", flush=True)
            except Exception as e:  # every failure is reported by name, then the next call runs
                reason = f"{type(e).__name__}: {e}".replace("\n", " ")[:400]
                out["failed"][name] = reason
                print(f"FAIL {name}: {reason}", flush=True)
    finally:
        if proc:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
    print(f"simple-salesforce {importlib.metadata.version('simple-salesforce')} (zeep "
          f"{importlib.metadata.version('zeep')}, requests {importlib.metadata.version('requests')}): "
          f"{len(out['passed'])}/{len(out['passed']) + len(out['failed'])} calls pass")
    if as_json:
        print(json.dumps(out))
    sys.exit(1 if out["failed"] else 0)


if __name__ == "__main__":
    main()
