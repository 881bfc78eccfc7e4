import { describe, expect, it } from 'vitest';
import type { FingerprintPlace } from '../../../src/core/model/software-fingerprint.js';
import { builtinRulesDir, loadRules } from '../../../src/rules/load.js';
import { indexFingerprints, sightAll } from '../../../src/scanners/software/fingerprints.js';

// The built-in fingerprints against what real products send, one text at a time.
const index = indexFingerprints(loadRules([builtinRulesDir()]).softwareFingerprints);
const named = (place: FingerprintPlace, text: string, name?: string) =>
  sightAll(index, place, text, 'x')
    .filter((hit) => name === undefined || index.get(place)?.some((f) => f.spec.product === hit.product && (f.spec.name ?? '').toLowerCase() === name.toLowerCase()))
    .map((hit) => `${hit.product} ${hit.version ?? '-'}`)
    .sort();
/** Header fingerprints of one header name only, as the scanner applies them. */
const header = (name: string, value: string) =>
  (index.get('header') ?? [])
    .filter((f) => f.spec.name?.toLowerCase() === name.toLowerCase())
    .flatMap((f) => {
      const found = f.match.exec(value);
      return found ? [`${f.spec.product} ${found.groups?.version ?? '-'}`] : [];
    })
    .sort();

describe('header fingerprints', () => {
  it.each([
    ['Server', 'Apache/2.4.57 (Debian) OpenSSL/3.0.11 PHP/8.2.7', ['apache-http-server 2.4.57', 'openssl 3.0.11', 'php 8.2.7']],
    ['Server', 'Apache/2.4.6 (CentOS) OpenSSL/1.0.2k-fips', ['apache-http-server 2.4.6', 'openssl 1.0.2k']],
    ['Server', 'Apache', ['apache-http-server -']],
    ['Server', 'Apache-Coyote/1.1', ['tomcat -']],
    ['Server', 'nginx/1.18.0 (Ubuntu)', ['nginx 1.18.0']],
    ['Server', 'nginx', ['nginx -']],
    ['Server', 'Microsoft-IIS/10.0', ['iis 10.0']],
    ['X-Powered-By', 'PHP/5.6.40', ['php 5.6.40']],
    ['X-Powered-By', 'ASP.NET', ['aspnet -']],
    ['Liferay-Portal', 'Liferay Community Edition Portal 7.0.6 GA7 (Wilberforce / Build 7006 / April 17, 2018)', ['liferay 7.0.6']],
    ['X-Generator', 'Drupal 9 (https://www.drupal.org)', ['drupal 9']],
    ['X-Content-Encoded-By', 'Joomla! 1.5', ['joomla 1.5']],
  ])('%s: %s', (name, value, expected) => {
    expect(header(name, value)).toEqual(expected);
  });
});

describe('URL fingerprints', () => {
  it.each([
    ['https://code.jquery.com/jquery-1.12.4.min.js', ['jquery 1.12.4']],
    ['https://cdnjs.cloudflare.com/ajax/libs/jquery/3.5.1/jquery.min.js', ['jquery 3.5.1']],
    ['https://cdn.jsdelivr.net/npm/bootstrap@4.6.2/dist/js/bootstrap.bundle.min.js', ['bootstrap 4.6.2']],
    ['https://portal.test/js/bootstrap-3.3.7.min.js', ['bootstrap 3.3.7']],
    ['https://ajax.googleapis.com/ajax/libs/angularjs/1.5.8/angular.min.js', ['angularjs 1.5.8']],
    ['https://unpkg.com/vue@2.7.14/dist/vue.js', ['vue 2.7.14']],
    // WordPress gives a bundled library the library's version, not its own.
    ['https://portal.test/wp-includes/js/jquery/jquery.min.js?ver=3.6.1', ['jquery 3.6.1', 'wordpress -']],
    ['https://portal.test/wp-includes/css/dist/block-library/style.min.css?ver=6.4.3', ['wordpress -', 'wordpress 6.4.3']],
    ['https://portal.test/wp-content/plugins/contact-form-7/includes/js/index.js?ver=5.8', ['wordpress -']],
    ['https://portal.test/core/misc/drupal.js?v=9.5.11', ['drupal -', 'drupal 9.5.11']],
    ['https://portal.test/DesktopModules/HTML/edit.js', ['dotnetnuke -']],
    ['https://portal.test/_layouts/15/init.js?rev=abc', ['sharepoint -']],
    ['https://portal.test/static/app.js?v=1.2.3', []],
  ])('%s', (url, expected) => {
    expect(named('url', url)).toEqual(expected);
  });
});

describe('content fingerprints', () => {
  it.each([
    ['/*! jQuery UI - v1.12.1 - 2016-09-14\n* http://jqueryui.com', ['jquery-ui 1.12.1']],
    ['/*! jQuery Migrate v3.3.2 | (c) OpenJS Foundation and other contributors | jquery.org/license */', ['jquery-migrate 3.3.2']],
    ['/*!\n * Bootstrap v5.3.2 (https://getbootstrap.com/)\n */', ['bootstrap 5.3.2']],
    ['/**\n * @license React v16.13.1\n * react.production.min.js', ['react 16.13.1']],
    ['{findFiberByHostInstance:Wc,bundleType:0,version:"18.2.0",rendererPackageName:"react-dom"}', ['react 18.2.0']],
    ['/*!\n * vue v3.3.4\n * (c) 2018-present Yuxi (Evan) You and Vue contributors', ['vue 3.3.4']],
    ['/**\n * TinyMCE version 5.10.2 (2021-11-17)\n */', ['tinymce 5.10.2']],
    ['// 4.7.13 (2018-05-16)\n!function(){var tinymce={}}', ['tinymce 4.7.13']],
    ['(function(){window.CKEDITOR||(window.CKEDITOR=function(){var a=/x/,d={timestamp:"L0AD",version:"4.16.0 (Standard)",revision:"a"}', ['ckeditor 4.16.0']],
    // A VERSION constant is lodash's only where lodash is named.
    ['var VERSION = "4.17.21";', []],
    ['/*! jQuery v3.7.1 | (c) OpenJS Foundation */ /*! jQuery Migrate v3.4.1 */', ['jquery 3.7.1', 'jquery-migrate 3.4.1']],
  ])('%s', (text, expected) => {
    expect(named('content', text)).toEqual(expected);
  });
});

describe('cookie names and well-known files', () => {
  it.each([
    ['cookie', '.DOTNETNUKE', ['dotnetnuke -']],
    ['cookie', 'MoodleSessionportal', ['moodle -']],
    ['cookie', 'SSESS0123456789abcdef0123456789abcdef', ['drupal -']],
    ['cookie', 'JSESSIONID', []],
    ['path', 'This files describes API changes in core libraries and APIs,\n\n=== 3.11.4 ===\n\n* x', ['moodle 3.11.4']],
    ['path', 'vti_encoding:SR|utf8-nl\nvti_extenderversion:SR|15.0.0.4420\n', ['sharepoint 15.0.0.4420']],
    // Both changelog paths (Drupal 7's and 8's) read the same shape.
    ['path', 'Drupal 8.9.13, 2021-03-10\n--------', ['drupal 8.9.13', 'drupal 8.9.13']],
  ] as const)('%s: %s', (place, text, expected) => {
    expect(named(place, text)).toEqual(expected);
  });
});

describe('meta, HTML and error-page fingerprints', () => {
  it('read generators, stamps in the page and default error pages', () => {
    expect(named('meta', 'Joomla! - Open Source Content Management', 'generator')).toEqual(['joomla -']);
    expect(named('meta', 'Drupal 10 (https://www.drupal.org)', 'generator')).toEqual(['drupal 10']);
    expect(named('html', '<app-root _nghost-ng-c1 ng-version="15.2.9"></app-root>')).toEqual(['angular 15.2.9']);
    expect(named('error-page', '<hr><address>Apache/2.4.29 (Ubuntu) Server at portal.test Port 80</address>')).toEqual(['apache-http-server 2.4.29']);
    expect(named('error-page', '<hr><center>nginx/1.14.0 (Ubuntu)</center>')).toEqual(['nginx 1.14.0']);
    expect(named('error-page', '<hr><center>nginx</center>')).toEqual(['nginx -']);
  });
});
