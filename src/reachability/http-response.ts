/**
 * What Apache httpd on Amazon Linux 2023 answers: the Provider's index.html for `/` and
 * `/index.html`, its standard 404 page for anything else.
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

export function apacheResponse(path: string, body: string | undefined, now: number): HttpResponse {
  const clean = path.split("?")[0] ?? "/";
  if (clean !== "/" && clean !== "/index.html") return notFound(now);
  const page = body ?? "";
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
