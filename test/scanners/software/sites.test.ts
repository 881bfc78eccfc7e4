import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObservationData } from '../../../src/core/model/observation.js';
import { softwareScanner } from '../../../src/scanners/software/scanner.js';
import { auditInProcess, type InProcessAudit } from '../../helpers/audit.js';
import { html, startRouteServer, type Route, type RouteServer } from './route-server.js';

// Small portals on 127.0.130.10-16 and .20, port 8080, each the way a real product presents itself.
const HOSTS = { wordpress: '127.0.130.10', joomla: '127.0.130.11', drupal: '127.0.130.12', iis: '127.0.130.13', sharepoint: '127.0.130.14', tomcat: '127.0.130.15', catchAll: '127.0.130.16', sameFile: '127.0.130.20' };
const JS = { 'content-type': 'application/javascript' };
const TEXT = { 'content-type': 'text/plain' };
const JQUERY_BANNER = '/*! jQuery v3.6.1 | (c) OpenJS Foundation and other contributors | jquery.org/license */\n!function(e,t){}(window);';

const SITES: Record<keyof typeof HOSTS, { routes: Record<string, Route>; fallback?: Route }> = {
  wordpress: {
    routes: {
      '/': {
        headers: { 'content-type': 'text/html', server: 'Apache/2.4.29 (Ubuntu)', 'x-powered-by': 'PHP/7.2.24', link: '<http://127.0.130.10:8080/wp-json/>; rel="https://api.w.org/"' },
        body: `<!doctype html><html><head><meta name="generator" content="WordPress 6.1.1">
          <link rel="stylesheet" href="/wp-includes/css/dist/block-library/style.min.css?ver=6.1.1">
          <link rel="stylesheet" href="/wp-content/themes/twentytwentythree/style.css?ver=6.1.1">
          <script src="/wp-includes/js/jquery/jquery.min.js?ver=3.6.1"></script>
          <script src="/wp-includes/js/jquery/jquery-migrate.min.js?ver=3.3.2"></script></head><body>UBND tỉnh</body></html>`,
      },
      '/wp-includes/js/jquery/jquery.min.js?ver=3.6.1': { headers: JS, body: JQUERY_BANNER },
      '/readme.html': { headers: { 'content-type': 'text/html' }, body: '<!DOCTYPE html><html><head><title>WordPress &#8250; ReadMe</title></head><body><h1 id="logo"><img alt="WordPress" src="wp-admin/images/wordpress-logo.png" /><br /> Version 6.1.1</h1></body></html>' },
      '/feed/': { headers: { 'content-type': 'application/rss+xml' }, body: '<?xml version="1.0"?><rss version="2.0"><channel><title>UBND</title><generator>https://wordpress.org/?v=6.1.1</generator></channel></rss>' },
    },
  },
  joomla: {
    routes: {
      '/': html('<meta name="generator" content="Joomla! - Open Source Content Management"><script src="/media/jui/js/jquery.min.js?1b4c6e"></script>'),
      '/administrator/manifests/files/joomla.xml': {
        headers: { 'content-type': 'text/xml' },
        body: '<?xml version="1.0" encoding="utf-8"?>\n<extension version="3.6" type="file" method="upgrade">\n\t<name>files_joomla</name>\n\t<author>Joomla! Project</author>\n\t<version>3.9.28</version>\n</extension>\n',
      },
    },
  },
  drupal: {
    routes: {
      '/': { headers: { 'content-type': 'text/html', 'x-generator': 'Drupal 7 (http://drupal.org)', 'x-drupal-cache': 'MISS' }, body: '<!doctype html><html><head><title>Sở</title></head><body>Drupal site</body></html>' },
      '/CHANGELOG.txt': { headers: TEXT, body: '\nDrupal 7.59, 2018-04-25\n-----------------------\n- Fixed security issues (remote code execution). See SA-CORE-2018-004.\n\nDrupal 7.58, 2018-03-28\n' },
    },
  },
  iis: {
    routes: {
      '/': {
        headers: { 'content-type': 'text/html', server: 'Microsoft-IIS/8.5', 'x-powered-by': 'ASP.NET', 'x-aspnet-version': '4.0.30319', 'x-aspnetmvc-version': '5.2', 'set-cookie': 'ASP.NET_SessionId=abc; path=/; HttpOnly' },
        body: '<!doctype html><html><head><title>Một cửa</title></head><body>Dịch vụ công</body></html>',
      },
    },
    fallback: {
      status: 404,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>The resource cannot be found.</title></head><body><h1>Server Error in \'/\' Application.</h1><hr><b>Version Information:</b>&nbsp;Microsoft .NET Framework Version:4.0.30319; ASP.NET Version:4.7.3930.0</body></html>',
    },
  },
  sharepoint: {
    routes: {
      '/': {
        headers: { 'content-type': 'text/html', microsoftsharepointteamservices: '16.0.0.5278', sprequestguid: '6f0c4a9f-1111-2222-3333-444455556666' },
        body: '<!doctype html><html><head><script src="/_layouts/15/init.js?rev=abc"></script><script>var _spPageContextInfo={"webServerRelativeUrl":"/","siteClientTag":"0$$16.0.5278.1000"};</script></head><body>Portal</body></html>',
      },
      '/_vti_pvt/service.cnf': { headers: TEXT, body: 'vti_encoding:SR|utf8-nl\nvti_extenderversion:SR|16.0.0.5278\n' },
    },
  },
  tomcat: {
    routes: { '/': html('') },
    fallback: { status: 404, headers: { 'content-type': 'text/html' }, body: '<!doctype html><html lang="en"><head><title>HTTP Status 404 – Not Found</title></head><body><h1>HTTP Status 404 – Not Found</h1><hr class="line" /><h3>Apache Tomcat/9.0.41</h3></body></html>' },
  },
  // A CMS that answers 200 with its friendly page (echoing the path) for every path, readme and changelogs included.
  catchAll: {
    routes: {},
    fallback: (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html><head><meta name="generator" content="WordPress 6.1.1"><title>Cổng thông tin</title></head><body><h1>Trang ${req.url} không tồn tại</h1><p>Drupal 7.59, 2018-04-25 <version>3.9.28</version> Apache Tomcat</p></body></html>`);
    },
  },
  // A server that answers every path with the same changelog: content alone cannot tell that apart from a real one.
  sameFile: { routes: {}, fallback: { headers: TEXT, body: 'Drupal 7.59, 2018-04-25\n-----------------------\n' } },
};

const servers: RouteServer[] = [];
let audit: InProcessAudit;

beforeAll(async () => {
  for (const [name, site] of Object.entries(SITES)) servers.push(await startRouteServer(HOSTS[name as keyof typeof HOSTS], 8080, site.routes, site.fallback));
  audit = await auditInProcess(Object.values(HOSTS), { ports: '8080', scanners: ['ports', 'http', 'software'], http: { timeoutMs: 3000 }, software: { timeoutMs: 3000 } });
}, 120_000);

afterAll(() => Promise.all(servers.map((s) => s.close())));

type Product = ObservationData['software.product'];
const productsOf = (host: string) => audit.facts('software.product', { host });
/** "product version source confidence", sorted, for one host. */
const seen = (host: string, only?: (p: Product) => boolean) =>
  productsOf(host)
    .filter(only ?? (() => true))
    .map((p) => `${p.product} ${p.version ?? '-'} ${p.source} ${p.confidence}`)
    .sort();

describe('a WordPress portal', () => {
  it('is named with its version by the generator, its core assets, the readme and the feed', () => {
    expect(seen(HOSTS.wordpress, (p) => p.product === 'wordpress')).toEqual([
      'wordpress 6.1.1 meta medium',
      'wordpress 6.1.1 path high',
      'wordpress 6.1.1 path high',
      'wordpress 6.1.1 url medium',
    ]);
    const locations = productsOf(HOSTS.wordpress).filter((p) => p.source === 'path').map((p) => p.location).sort();
    expect(locations).toEqual(['http://127.0.130.10:8080/feed/', 'http://127.0.130.10:8080/readme.html']);
  });

  it('names its server, PHP and the libraries WordPress bundles, keeping the distribution in the evidence', () => {
    const server = productsOf(HOSTS.wordpress).find((p) => p.product === 'apache-http-server');
    expect(server).toMatchObject({ version: '2.4.29', source: 'header', location: 'header:Server', evidence: 'Server: Apache/2.4.29 (Ubuntu)', confidence: 'medium' });
    expect(seen(HOSTS.wordpress, (p) => p.product !== 'wordpress')).toEqual([
      'apache-http-server 2.4.29 header medium',
      'jquery 3.6.1 content high',
      'jquery-migrate 3.3.2 url medium',
      'php 7.2.24 header medium',
    ]);
  });
});

describe('other products', () => {
  it('Joomla: its manifest gives the version, the generator only its presence', () => {
    expect(seen(HOSTS.joomla)).toEqual(['joomla 3.9.28 path high']);
  });

  it('Drupal: the X-Generator header gives the major version, CHANGELOG.txt the exact one', () => {
    expect(seen(HOSTS.drupal)).toEqual(['drupal 7 header medium', 'drupal 7.59 path high']);
  });

  it('IIS and ASP.NET: every header, and the version on the ASP.NET error page', () => {
    expect(seen(HOSTS.iis)).toEqual(['aspnet 4.0.30319 header medium', 'aspnet 4.7.3930.0 path medium', 'aspnet-mvc 5.2 header medium', 'iis 8.5 header medium']);
  });

  it('SharePoint: the team services header, the page context and service.cnf', () => {
    expect(seen(HOSTS.sharepoint)).toEqual(['sharepoint 16.0.0.5278 header medium', 'sharepoint 16.0.0.5278 path high', 'sharepoint 16.0.5278.1000 content medium']);
  });

  it('Tomcat: its default error page names it and its version', () => {
    const [tomcat] = productsOf(HOSTS.tomcat);
    expect(seen(HOSTS.tomcat)).toEqual(['tomcat 9.0.41 path medium']);
    expect(tomcat?.location).toBe('error-page:404');
    expect(tomcat?.evidence).toBe('Apache Tomcat/9.0.41');
  });
});

describe('a site that answers 200 with one friendly page for every path', () => {
  it('names only what its front page shows, nothing from well-known paths', () => {
    expect(seen(HOSTS.catchAll)).toEqual(['wordpress 6.1.1 meta medium']);
    expect(servers[6]!.requests).toEqual(expect.arrayContaining(['/readme.html', '/CHANGELOG.txt', '/administrator/manifests/files/joomla.xml']));
  });

  it('names nothing even when that page is exactly what a well-known file holds', () => {
    expect(servers[7]!.requests).toContain('/CHANGELOG.txt');
    expect(seen(HOSTS.sameFile)).toEqual([]);
  });
});

describe('the software scanner', () => {
  it('yields only the kinds it declares', () => {
    const kinds = new Set(audit.observations.filter((o) => o.scanner === 'software').map((o) => o.kind));
    expect([...kinds]).toEqual(['software.product']);
    // The two others are judged from software.product with the version knowledge, never yielded.
    expect(softwareScanner.observes).toEqual(['software.product', 'software.vulnerable', 'software.lifecycle']);
  });

  it('fails the version-disclosure rule where a header, meta tag or URL gave a version, and only there', () => {
    expect(audit.outcome('software.web.version-disclosed', HOSTS.wordpress)).toBe('fail');
    expect(audit.outcome('software.web.version-disclosed', HOSTS.iis)).toBe('fail');
    expect(audit.outcome('software.web.version-disclosed', HOSTS.joomla)).toBe('pass');
    expect(audit.outcome('software.web.version-disclosed', HOSTS.tomcat)).toBe('pass');
  });
});
