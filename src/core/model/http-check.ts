/**
 * One exposure check as data (rules/probes/*.yaml): the paths to request and what the answer must
 * contain for the file to count as really exposed. Content is always verified, so a site that
 * answers 200 with a friendly page for every path reports nothing.
 */
export interface ExposureCheck {
  /** Stable id that rules match on (`http.exposure` observations carry it as `check`). */
  id: string;
  paths: string[];
  /** Statuses that can mean "served" (default 200). */
  status: number[];
  /** A regex the body (first bytes, decoded as UTF-8) must match. */
  body?: string;
  bodyFlags?: string;
  /** The body must start with these bytes (hex), for binary files: archives, SQLite, .DS_Store. */
  hexPrefix?: string;
  /** The answer must not be an HTML page (config files, dumps and keys never are). */
  notHtml: boolean;
  /** A regex the Content-Type must match. */
  contentType?: string;
  /** The file holds secrets: evidence keeps names and masks values. */
  redact: boolean;
}
