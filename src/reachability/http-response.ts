/**
 * What Apache httpd on Amazon Linux 2023 answers: index.html for `/` and `/index.html`, its 404 page otherwise; with no
 * index.html, its test page with HTTP 403 (AL2023's welcome.conf), which `curl -sS` without `-f` prints with exit 0.
 */

export interface HttpResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
}

const SERVER = "Apache/2.4.62 (Amazon Linux)";

function httpDate(now: number): string {
  return new Date(now).toUTCString();
}

const contentLength = (body: string): [string, string] => ["Content-Length", String(Buffer.byteLength(body))];

/** Apache's answer: its Date and Server first, `headers` next, then the body's length and type. */
function apache(status: number, statusText: string, now: number, body: string, type: string, headers: [string, string][] = []): HttpResponse {
  const length = contentLength(body);
  return { status, statusText, headers: [["Date", httpDate(now)], ["Server", SERVER], ...headers, length, ["Content-Type", type]], body };
}

const NOT_FOUND_PAGE =
  `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n` +
  `<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n`;

/** Apache's test page on Amazon Linux 2023 (a shortened copy: the title and heading are the real ones). */
const APACHE_TEST_PAGE =
  "<!doctype html>\n<html>\n<head>\n<title>Test Page for the HTTP Server on Amazon Linux</title>\n</head>\n" +
  "<body>\n<h1>It works!</h1>\n<p>This page is used to test the proper operation of the Apache HTTP server.</p>\n</body>\n</html>\n";

/** `body`: the Provider's index.html; undefined when there is none (the test page, 403). */
export function apacheResponse(path: string, body: string | undefined, now: number): HttpResponse {
  const clean = path.split("?")[0] ?? "/";
  if (clean === "/" && body === undefined) {
    return apache(403, "Forbidden", now, APACHE_TEST_PAGE, "text/html; charset=UTF-8", [["Last-Modified", httpDate(now - 86_400_000)], ["Accept-Ranges", "bytes"]]);
  }
  if ((clean !== "/" && clean !== "/index.html") || body === undefined) return apache(404, "Not Found", now, NOT_FOUND_PAGE, "text/html; charset=iso-8859-1");
  const etag = `"${Buffer.byteLength(body).toString(16)}-5f0e1d2c3b4a5"`;
  return apache(200, "OK", now, body, "text/html; charset=UTF-8", [["Last-Modified", httpDate(now - 60_000)], ["ETag", etag], ["Accept-Ranges", "bytes"]]);
}

/** An AWS API endpoint (ssm, ssmmessages, ...) asked for `/` with GET. */
export function awsApiResponse(now: number): HttpResponse {
  const body = "<UnknownOperationException/>\n";
  const headers: [string, string][] = [["Date", httpDate(now)], ["Content-Type", "text/xml"], contentLength(body)];
  return { status: 404, statusText: "Not Found", headers, body };
}
