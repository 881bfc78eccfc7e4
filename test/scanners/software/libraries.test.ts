import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsExtractor } from '../../../src/core/model/knowledge.js';
import { auditInProcess, type InProcessAudit } from '../../helpers/audit.js';
import { html, startRouteServer, type RouteServer } from './route-server.js';

// Real releases from the npm registry (devDependencies under aliases such as "jquery-1.12.4"), served
// under neutral names from 127.0.130.1:8080, so only their content can tell what they are.
const HOST = '127.0.130.1';
const lib = (path: string) => readFileSync(new URL(`../../../node_modules/${path}`, import.meta.url));
const FILES = {
  '/static/app.js': lib('jquery-1.12.4/dist/jquery.min.js'),
  '/static/vendor.js': lib('jquery-3.4.1/dist/jquery.js'),
  '/static/ui.js': lib('bootstrap-3.3.7/dist/js/bootstrap.min.js'),
  '/static/site.css': lib('bootstrap-3.3.7/dist/css/bootstrap.min.css'),
  '/static/ng.js': lib('angular-1.5.8/angular.min.js'),
  '/static/view.js': lib('vue-2.6.10/dist/vue.min.js'),
  '/static/time.js': lib('moment-2.18.1/moment.js'),
  '/static/util.js': lib('lodash-4.17.4/lodash.min.js'),
  '/static/util-full.js': lib('lodash-4.17.4/lodash.js'),
};
// jQuery 3.4.1 with its banner taken off: only retire.js's hash of the whole file can name it.
const BANNERLESS = lib('jquery-3.4.1/dist/jquery.min.js').toString('utf8').replace(/^\/\*![^\n]*\n/, '');
const EXTRACTORS: JsExtractor[] = [
  { library: 'jquery', filename: ['jquery-(§§version§§)(\\.min)?\\.js'], uri: [], filecontent: [], hashes: { [createHash('sha1').update(BANNERLESS).digest('hex')]: '3.4.1' } },
  { library: 'moment.js', filename: [], uri: [], filecontent: ['//! version : (§§version§§)'], hashes: {} },
];

let server: RouteServer;
let audit: InProcessAudit;

beforeAll(async () => {
  const scripts = [...Object.keys(FILES).filter((p) => p.endsWith('.js')), '/static/plain.js'].map((src) => `<script src="${src}"></script>`).join('');
  const routes = Object.fromEntries(Object.entries(FILES).map(([path, body]) => [path, { headers: { 'content-type': path.endsWith('.css') ? 'text/css' : 'application/javascript' }, body }]));
  server = await startRouteServer(HOST, 8080, {
    ...routes,
    '/static/plain.js': { headers: { 'content-type': 'application/javascript' }, body: BANNERLESS },
    // A library on another host is named by its URL and never fetched.
    '/': html(`<link rel="stylesheet" href="/static/site.css">${scripts}<script src="http://127.0.130.250:8080/libs/jquery-ui/1.12.1/jquery-ui.min.js"></script>`),
  });
  audit = await auditInProcess([HOST], { ports: '8080', scanners: ['ports', 'http', 'software'], http: { timeoutMs: 5000 }, software: { jsExtractors: EXTRACTORS } });
}, 120_000);

afterAll(() => server.close());

const products = () => audit.facts('software.product', { host: HOST });
const at = (path: string) => products().filter((p) => p.location === `http://${HOST}:8080${path}`);

describe('real library files served under neutral names', () => {
  it('are named by their content, with the exact version and high confidence', () => {
    const byFile = (path: string) => at(path).filter((p) => p.confidence === 'high').map((p) => `${p.product} ${p.version} ${p.source}`);
    expect(byFile('/static/app.js')).toEqual(['jquery 1.12.4 content']);
    expect(byFile('/static/vendor.js')).toEqual(['jquery 3.4.1 content']);
    expect(byFile('/static/ui.js')).toEqual(['bootstrap 3.3.7 content']);
    expect(byFile('/static/site.css')).toEqual(['bootstrap 3.3.7 content']);
    expect(byFile('/static/ng.js')).toEqual(['angularjs 1.5.8 content']);
    expect(byFile('/static/view.js')).toEqual(['vue 2.6.10 content']);
    expect(byFile('/static/time.js')).toEqual(['moment 2.18.1 content']);
    expect(byFile('/static/util.js')).toEqual(['lodash 4.17.4 content']);
    expect(byFile('/static/util-full.js')).toEqual(['lodash 4.17.4 content']);
  });

  it('take the banner as evidence and say which site they were found on', () => {
    expect(at('/static/app.js')[0]).toMatchObject({ site: `http://${HOST}:8080`, port: 8080, distro: null, evidence: '/*! jQuery v1.12.4' });
  });

  it('are named by retire.js hashes of the whole file when nothing inside names them', () => {
    expect(at('/static/plain.js')).toEqual([expect.objectContaining({ product: 'jquery', version: '3.4.1', source: 'hash', confidence: 'high' })]);
  });

  it('read library names from the page URLs without fetching other hosts', () => {
    const cdn = products().find((p) => p.product === 'jquery-ui');
    expect(cdn).toMatchObject({ version: '1.12.1', source: 'url', confidence: 'medium', location: 'http://127.0.130.250:8080/libs/jquery-ui/1.12.1/jquery-ui.min.js' });
  });

  it('name nothing else with high confidence', () => {
    const high = products().filter((p) => p.confidence === 'high').map((p) => `${p.product} ${p.version}`);
    expect([...new Set(high)].sort()).toEqual(['angularjs 1.5.8', 'bootstrap 3.3.7', 'jquery 1.12.4', 'jquery 3.4.1', 'lodash 4.17.4', 'moment 2.18.1', 'vue 2.6.10']);
  });

  it('read every same-site script once', () => {
    for (const path of Object.keys(FILES)) expect(server.requests.filter((r) => r === path), path).toHaveLength(1);
  });
});
