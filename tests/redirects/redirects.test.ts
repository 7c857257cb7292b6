/**
 * Redirect maps: each format written and read back; the nginx map also served by a real
 * nginx on 127.0.0.1 (skipped with a notice where nginx is not installed): every old URL
 * answers 301 with its new path.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { LinkIndex, type ArticleRecord } from "../../src/links/link-index.js";
import {
  NGINX_VARIABLE,
  parseCsv,
  parseRedirects,
  redirectFormat,
  serializeRedirects,
  type RedirectFormat,
  type RedirectRule,
} from "../../src/redirects/formats.js";

const ARTICLES: ArticleRecord[] = [
  {
    id: "5458424",
    oldUrls: ["https://www.sozcu.com.tr/2019/gundem/moskova-ile-bagimli-stratejik-ortak-olduk-5458424/", "https://www.sozcu.com.tr/?p=5458424"],
    outputPath: "2019/gundem/moskova.md",
    date: "2019-11-18",
    slug: "moskova-ile-bagimli-stratejik-ortak-olduk",
  },
  {
    id: "5810704",
    oldUrls: ["https://www.sozcu.com.tr/2020/yazarlar/uğur-dündar/suriye-krizinde-rusya-ile-yol-ayrımı-5810704/"],
    outputPath: "2020/suriye.md",
    date: "2020-05-12",
    slug: "suriye-krizinde-yol-ayrımı",
  },
  { id: "page-2", oldUrls: ["http://sozcu.com.tr/?page_id=2", "http://sozcu.com.tr/kunye/"], outputPath: "pages/kunye.md", date: "2010-07-25", slug: "künye" },
  { id: "odd", oldUrls: ['https://www.sozcu.com.tr/2021/a b/"tırnak"-$x-123/'], outputPath: "odd.md", date: "2021-01-01", slug: "odd" },
];

const index = LinkIndex.from(ARTICLES, { permalink: "/haber/{yyyy}/{slug}/" });
const rules: RedirectRule[] = [...index.redirects()];

/** What every format must give back: old request (encoded, as on the wire) → new path (encoded). */
const expected = [
  ["/2019/gundem/moskova-ile-bagimli-stratejik-ortak-olduk-5458424/", "/haber/2019/moskova-ile-bagimli-stratejik-ortak-olduk/"],
  ["/?p=5458424", "/haber/2019/moskova-ile-bagimli-stratejik-ortak-olduk/"],
  ["/2020/yazarlar/u%C4%9Fur-d%C3%BCndar/suriye-krizinde-rusya-ile-yol-ayr%C4%B1m%C4%B1-5810704/", "/haber/2020/suriye-krizinde-yol-ayr%C4%B1m%C4%B1/"],
  ["/?page_id=2", "/haber/2010/k%C3%BCnye/"],
  ["/kunye/", "/haber/2010/k%C3%BCnye/"],
  ["/2021/a%20b/%22t%C4%B1rnak%22-$x-123/", "/haber/2021/odd/"],
];

describe("redirect formats", () => {
  test("the format is chosen by the file name", () => {
    expect(["out/_redirects", "site/redirects.conf", "public/.htaccess", "r.CSV", "r.json"].map(redirectFormat)).toEqual([
      "netlify",
      "nginx",
      "apache",
      "csv",
      "json",
    ]);
    expect(() => redirectFormat("redirects.txt")).toThrow(
      '--redirects "redirects.txt": the format is chosen by the name; expected _redirects (Netlify), *.conf (nginx map), .htaccess (Apache), *.csv or *.json',
    );
  });

  test.each(["netlify", "apache", "csv", "json"] as RedirectFormat[])("%s: read back, every old URL → its new path", (format) => {
    const text = serializeRedirects(rules, format);
    const back = parseRedirects(text, format).map((rule) => [format === "apache" ? encodeURI(rule.from).replace(/%25/g, "%") : rule.from, rule.to]);
    expect(back).toEqual(expected);
  });

  test("nginx: read back, each path with and without its trailing slash, ids in maps of their own", () => {
    const text = serializeRedirects(rules, "nginx");
    expect(text).toContain(`if (${NGINX_VARIABLE}) { return 301 ${NGINX_VARIABLE}; }`);
    const back = parseRedirects(text, "nginx").map((rule) => [rule.from, rule.to]);
    const wanted = expected.flatMap(([from, to]) => {
      if (from!.includes("?")) return [[from, to]];
      const decoded = decodeURI(from!);
      return [
        [decoded, to],
        [decoded.slice(0, -1), to],
      ];
    });
    expect(back.sort()).toEqual(wanted.sort());
  });

  test("csv and json carry the old URL and the article id; the first rule for an old request wins", () => {
    const doubled = [...rules, { from: rules[0]!.from, to: "/elsewhere/" }];
    const rows = parseCsv(serializeRedirects(doubled, "csv"));
    expect(rows[0]).toEqual(["from", "to", "url", "id"]);
    expect(rows[1]).toEqual([expected[0]![0], expected[0]![1], ARTICLES[0]!.oldUrls[0], "5458424"]);
    expect(rows).toHaveLength(1 + expected.length);
    const json = JSON.parse(serializeRedirects(doubled, "json", 308));
    expect(json.status).toBe(308);
    expect(json.redirects).toHaveLength(expected.length);
    expect(serializeRedirects(rules, "netlify", 302)).toContain("/kunye/  /haber/2010/k%C3%BCnye/  302!");
  });
});

/** nginx's binary, where installed. */
function findNginx(): string | null {
  for (const candidate of ["nginx", "/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"]) {
    if (spawnSync(candidate, ["-v"], { stdio: "ignore" }).status === 0) return candidate;
  }
  return null;
}

const nginx = findNginx();
if (nginx === null) console.warn("skipped: the nginx redirect test needs nginx (apt-get install -y nginx)");

(nginx ? describe : describe.skip)("the nginx map in a real nginx on 127.0.0.1", () => {
  let dir: string;
  let port: number;
  let server: ChildProcess;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "sm-nginx-"));
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await writeFile(path.join(dir, "redirects.conf"), serializeRedirects(rules, "nginx"));
    const temp = (name: string) => `${name} ${path.join(dir, name)};`;
    await writeFile(
      path.join(dir, "nginx.conf"),
      [
        `pid ${path.join(dir, "nginx.pid")};`,
        `error_log ${path.join(dir, "error.log")} warn;`,
        "worker_processes 1;",
        "events { worker_connections 64; }",
        "http {",
        "  access_log off;",
        ...["client_body_temp_path", "proxy_temp_path", "fastcgi_temp_path", "uwsgi_temp_path", "scgi_temp_path"].map((name) => `  ${temp(name)}`),
        `  include ${path.join(dir, "redirects.conf")};`,
        "  server {",
        `    listen 127.0.0.1:${port};`,
        `    if (${NGINX_VARIABLE}) { return 301 ${NGINX_VARIABLE}; }`,
        "    location / { return 404; }",
        "  }",
        "}",
      ].join("\n"),
    );
    const check = spawnSync(nginx!, ["-t", "-p", dir, "-c", path.join(dir, "nginx.conf")], { encoding: "utf8" });
    if (check.status !== 0) throw new Error(`nginx -t rejected the map:\n${check.stderr}`);
    server = spawn(nginx!, ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-g", "daemon off;"], { stdio: "ignore" });
    // up once it accepts a connection
    for (;;) {
      const up = await new Promise<boolean>((resolve) => {
        const socket = net.connect(port, "127.0.0.1", () => (socket.destroy(), resolve(true)));
        socket.on("error", () => resolve(false));
      });
      if (up) break;
      if (server.exitCode !== null) throw new Error(`nginx exited with ${server.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const closed = new Promise((resolve) => server.on("close", resolve));
      server.kill("SIGQUIT");
      await closed;
    }
    if (dir && existsSync(dir)) await rm(dir, { recursive: true, force: true });
  });

  function get(target: string): Promise<{ status: number; location: string | undefined }> {
    return new Promise((resolve, reject) => {
      const request = http.request({ host: "127.0.0.1", port, path: target, method: "GET" }, (response) => {
        response.resume();
        resolve({ status: response.statusCode!, location: response.headers.location });
      });
      request.on("error", reject);
      request.end();
    });
  }

  const locationPath = (location: string | undefined) => {
    const url = new URL(location ?? "", `http://127.0.0.1:${port}`);
    return url.pathname + url.search;
  };

  test("every old URL answers 301 with its new path (with and without the trailing slash, with extra query parameters)", async () => {
    for (const [from, to] of expected) {
      const variants = from!.includes("?") ? [from!, `${from}&utm_source=x`] : [from!, from!.slice(0, -1), `${from}?utm_source=x`];
      for (const variant of variants) {
        const answer = await get(variant);
        expect([variant, answer.status, locationPath(answer.location)]).toEqual([variant, 301, to]);
      }
    }
  });

  test("what the map does not list is not redirected", async () => {
    for (const target of ["/", "/?p=1", "/2019/gundem/baska-5458424/", "/kunye/alt/"]) expect((await get(target)).status).toBe(404);
  });
});
