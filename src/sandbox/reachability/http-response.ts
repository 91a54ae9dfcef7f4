/**
 * What Apache httpd on Amazon Linux 2023 answers: the Provider's index.html for `/` and
 * `/index.html`, its standard 404 page for anything else; with no index.html, its test page with
 * HTTP 403 (the welcome.conf of AL2023's httpd package), which `curl -sS` without `-f` still
 * prints with exit code 0.
 */

export interface HttpResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
}

const encoder = new TextEncoder();
const byteLength = (text: string): number => encoder.encode(text).length;

const SERVER = "Apache/2.4.62 (Amazon Linux)";

function httpDate(now: number): string {
  return new Date(now).toUTCString();
}

function notFound(now: number): HttpResponse {
  const body =
    `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n` +
    `<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n`;
  return {
    status: 404,
    statusText: "Not Found",
    headers: [
      ["Date", httpDate(now)],
      ["Server", SERVER],
      ["Content-Length", String(byteLength(body))],
      ["Content-Type", "text/html; charset=iso-8859-1"],
    ],
    body,
  };
}

/** Apache's test page on Amazon Linux 2023 (a shortened copy: the title and heading are the real ones). */
export const APACHE_TEST_PAGE =
  "<!doctype html>\n<html>\n<head>\n<title>Test Page for the HTTP Server on Amazon Linux</title>\n</head>\n" +
  "<body>\n<h1>It works!</h1>\n<p>This page is used to test the proper operation of the Apache HTTP server.</p>\n</body>\n</html>\n";

function testPage(now: number): HttpResponse {
  return {
    status: 403,
    statusText: "Forbidden",
    headers: [
      ["Date", httpDate(now)],
      ["Server", SERVER],
      ["Last-Modified", httpDate(now - 86_400_000)],
      ["Accept-Ranges", "bytes"],
      ["Content-Length", String(byteLength(APACHE_TEST_PAGE))],
      ["Content-Type", "text/html; charset=UTF-8"],
    ],
    body: APACHE_TEST_PAGE,
  };
}

/** `body`: the Provider's index.html; undefined when there is none (the test page, 403). */
export function apacheResponse(path: string, body: string | undefined, now: number): HttpResponse {
  const clean = path.split("?")[0] ?? "/";
  if (clean === "/" && body === undefined) return testPage(now);
  if (clean !== "/" && clean !== "/index.html") return notFound(now);
  if (body === undefined) return notFound(now);
  const page = body;
  return {
    status: 200,
    statusText: "OK",
    headers: [
      ["Date", httpDate(now)],
      ["Server", SERVER],
      ["Last-Modified", httpDate(now - 60_000)],
      ["ETag", `"${byteLength(page).toString(16)}-5f0e1d2c3b4a5"`],
      ["Accept-Ranges", "bytes"],
      ["Content-Length", String(byteLength(page))],
      ["Content-Type", "text/html; charset=UTF-8"],
    ],
    body: page,
  };
}

/** An AWS API endpoint (ssm, ssmmessages, ...) asked for `/` with GET. */
export function awsApiResponse(now: number): HttpResponse {
  const body = "<UnknownOperationException/>\n";
  return {
    status: 404,
    statusText: "Not Found",
    headers: [
      ["Date", httpDate(now)],
      ["Content-Type", "text/xml"],
      ["Content-Length", String(byteLength(body))],
    ],
    body,
  };
}
