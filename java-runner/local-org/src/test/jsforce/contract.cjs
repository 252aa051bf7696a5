// jsforce's everyday calls against a running local org. Written here for Warden (not copied from jsforce's tests).
// Usage: node contract.cjs  (env: JSFORCE_DIR = folder holding node_modules/jsforce, LOCAL_ORG_URL, LOCAL_ORG_TOKEN)
// Prints one JSON object: {"passed": [...], "failed": {"check": "error"}, "pending": [...]}; exit 0 either way.
'use strict';
const path = require('path');
const jsforce = require(path.join(process.env.JSFORCE_DIR, 'node_modules', 'jsforce'));

const conn = new jsforce.Connection({
  instanceUrl: process.env.LOCAL_ORG_URL,
  accessToken: process.env.LOCAL_ORG_TOKEN,
  version: '62.0',
});

function check(cond, message) {
  if (!cond) throw new Error(message);
}

const checks = {
  async query() {
    const r = await conn.query('SELECT Id, Username, Profile.Name FROM User');
    check(r.totalSize >= 1 && r.records[0].Profile.Name, 'no admin user with its profile');
  },
  async queryChildSubquery() {
    const acc = await conn.sobject('Account').create({ Name: 'Jsforce Parent' });
    await conn.sobject('Contact').create({ LastName: 'Jsforce Child', AccountId: acc.id });
    const r = await conn.query(`SELECT Id, (SELECT LastName FROM Contacts) FROM Account WHERE Id = '${acc.id}'`);
    check(r.records[0].Contacts.records[0].LastName === 'Jsforce Child', 'child subquery');
  },
  async describe() {
    const d = await conn.sobject('Opportunity').describe();
    const stage = d.fields.find((f) => f.name === 'StageName');
    check(stage && stage.picklistValues.some((p) => p.value === 'Closed Won'), 'StageName picklist');
    const g = await conn.describeGlobal();
    check(g.sobjects.some((s) => s.name === 'Account'), 'global describe lists Account');
  },
  async crud() {
    const c = await conn.sobject('Lead').create({ LastName: 'Crud', Company: 'Jsforce Co' });
    check(c.success, 'create');
    const r = await conn.sobject('Lead').retrieve(c.id);
    check(r.Name === 'Crud' && r.Status === 'Open - Not Contacted', 'retrieve with defaults');
    await conn.sobject('Lead').update({ Id: c.id, FirstName: 'Jo' });
    check((await conn.sobject('Lead').retrieve(c.id)).Name === 'Jo Crud', 'update recomputes Name');
    await conn.sobject('Lead').destroy(c.id);
    const gone = await conn.sobject('Lead').retrieve(c.id).then(() => false, () => true);
    check(gone, 'destroy');
  },
  async compositeCollections() {
    const rs = await conn.sobject('Account').create([{ Name: 'Coll A' }, { Name: 'Coll B' }], { allOrNone: true });
    check(rs.length === 2 && rs.every((r) => r.success), 'sobjects collection create');
  },
  async compositeRequest() {
    const v = conn.version;
    const r = await conn.requestPost(`/services/data/v${v}/composite`, {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `/services/data/v${v}/sobjects/Account`, referenceId: 'acc', body: { Name: 'Comp' } },
        { method: 'POST', url: `/services/data/v${v}/sobjects/Contact`, referenceId: 'con',
          body: { LastName: 'Comp', AccountId: '@{acc.id}' } },
      ],
    });
    check(r.compositeResponse.every((x) => x.httpStatusCode === 201), JSON.stringify(r));
  },
  async bulk2IngestAndQuery() {
    conn.bulk2.pollInterval = 100;
    conn.bulk2.pollTimeout = 60000;
    const rows = [];
    for (let i = 0; i < 50; i++) rows.push({ Name: `Bulk2 ${i}`, Industry: 'Energy' });
    const res = await conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'insert', input: rows,
      pollInterval: 100, pollTimeout: 60000 });
    check(res.successfulResults.length === 50 && res.failedResults.length === 0, 'bulk insert results');
    const recs = await (await conn.bulk2.query("SELECT Id, Name FROM Account WHERE Name LIKE 'Bulk2 %'",
      { pollInterval: 100, pollTimeout: 60000 })).toArray();
    check(recs.length === 50, `bulk query returned ${recs.length}`);
  },
  async bulk1LoadAndQuery() {
    conn.bulk.pollInterval = 100;
    conn.bulk.pollTimeout = 60000;
    const rows = [{ Name: 'Bulk1 A', Description: 'a' }, { Name: 'Bulk1 B', Description: 'b' },
      { Name: '', Description: 'no name: REQUIRED_FIELD_MISSING' }];
    const res = await conn.bulk.load('Account', 'insert', rows);
    check(res.length === 3 && res.filter((r) => r.success).length === 2, 'bulk 1.0 load: ' + JSON.stringify(res));
    const recs = [];
    const stream = await conn.bulk.query("SELECT Id, Name FROM Account WHERE Name LIKE 'Bulk1 %'");
    await new Promise((resolve, reject) => {
      stream.on('record', (r) => recs.push(r)).on('error', reject).on('end', resolve);
    });
    check(recs.length === 2, `bulk 1.0 query returned ${recs.length}`);
  },
  async sosl() {
    await conn.sobject('Account').create({ Name: 'Jsforce Searchable Zebra' });
    const r = await conn.search('FIND {zebra} IN NAME FIELDS RETURNING Account(Id, Name)');
    check(r.searchRecords.length === 1 && r.searchRecords[0].Name === 'Jsforce Searchable Zebra', 'sosl');
  },
  async metadataList() {
    const r = await conn.metadata.list([{ type: 'PermissionSet' }], '62.0');
    check(Array.isArray(r) ? true : r !== undefined, 'list answered');
  },
  async metadataRead() {
    const r = await conn.metadata.read('PermissionSet', ['NoSuchPermSet']);
    check(r !== undefined, 'read answered');
  },
  async metadataDescribe() {
    const r = await conn.metadata.describe('62.0');
    check(r.metadataObjects && r.metadataObjects.length > 0, 'describeMetadata catalogue');
  },
  async upsertByExternalId() {
    await conn.sobject('Product2').upsert({ Name: 'Ext Widget', ExternalId: 'EXT-1' }, 'ExternalId');
    const r = await conn.query("SELECT Id FROM Product2 WHERE ExternalId = 'EXT-1'");
    check(r.totalSize === 1, 'upsert by external id');
  },
};

(async () => {
  const out = { passed: [], failed: {} };
  for (const [name, fn] of Object.entries(checks)) {
    try {
      await fn();
      out.passed.push(name);
    } catch (e) {
      out.failed[name] = String((e && (e.errorCode ? e.errorCode + ': ' : '') + e.message) || e).slice(0, 300);
    }
  }
  process.stdout.write(JSON.stringify(out) + '\n');
})();
