/** GETs a JSON API route; a failure throws with the route's own `{ error }` message. */
export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { credentials: "same-origin" });
  const body = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw new Error(body.error ?? `${url}: ${response.status}`);
  return body;
}
