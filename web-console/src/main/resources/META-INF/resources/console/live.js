// Live refresh without reloading: calls {@code tick} every {@code ms} while the page that started it is on screen.
// A page is replaced on every route change, so the poller stops by itself once its node leaves the document.
export function poll(node, ms, tick) {
  let timer = null;
  const run = async () => {
    if (!node.isConnected && node.dataset.started) return;
    node.dataset.started = "1";
    try { await tick(); } catch { /* the tick shows its own errors */ }
    timer = setTimeout(run, ms);
  };
  timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
}

/** Saves a response the API sent (with the bearer token, so a plain link cannot fetch it) as a file. */
export async function download(path, fileName, accept) {
  const { accessToken } = await import("./auth.js");
  const { ApiError } = await import("./api.js");
  const response = await fetch(path, { headers: { Accept: accept, Authorization: `Bearer ${await accessToken()}` } });
  if (!response.ok) {
    const type = response.headers.get("Content-Type") || "";
    throw new ApiError(response.status, type.includes("json") ? await response.json() : { title: response.statusText });
  }
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
