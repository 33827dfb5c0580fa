/**
 * A crashed renderer is reloaded, with a loop guard: at most `maxReloads` within `windowMs`,
 * then a clear error page instead of a flickering screen. Pure and clock-injected for tests.
 *
 * State is restored by the reload itself: everything that matters (jobs, the queue, the ledger,
 * settings) lives in the engine in the main process, and the renderer re-reads it through
 * window.kiosk when it starts. Nothing is kept only in the renderer.
 */

/** Electron's RenderProcessGoneDetails.reason values. */
export type RenderProcessGoneReason =
  | 'clean-exit'
  | 'abnormal-exit'
  | 'killed'
  | 'crashed'
  | 'oom'
  | 'launch-failed'
  | 'integrity-failure'
  | 'memory-eviction';

export type RecoveryDecision =
  | { readonly action: 'none' }
  | { readonly action: 'reload'; readonly attempt: number }
  | { readonly action: 'show-error-page'; readonly reason: string; readonly crashesInWindow: number };

export interface RendererRecoveryOptions {
  readonly maxReloads?: number;
  readonly windowMs?: number;
  readonly now?: () => number;
}

export interface RendererRecovery {
  onRenderProcessGone(reason: string): RecoveryDecision;
}

export function createRendererRecovery(options: RendererRecoveryOptions = {}): RendererRecovery {
  const maxReloads = options.maxReloads ?? 3;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  let reloads: number[] = [];

  return {
    onRenderProcessGone(reason) {
      // A clean exit is the window closing, not a crash.
      if (reason === 'clean-exit') return { action: 'none' };
      const at = now();
      reloads = reloads.filter((t) => at - t < windowMs);
      // A binary that fails its integrity check will fail again; reloading only loops.
      if (reason === 'integrity-failure' || reloads.length >= maxReloads) {
        return { action: 'show-error-page', reason, crashesInWindow: reloads.length + 1 };
      }
      reloads.push(at);
      return { action: 'reload', attempt: reloads.length };
    },
  };
}

/** Reserved paths under the app origin that main serves itself (never from the renderer build). */
export const RENDERER_FAILED_PATH = '/__shell/renderer-failed.html';
export const RENDERER_FAILED_STYLE_PATH = '/__shell/renderer-failed.css';

export interface RendererFailedPageInput {
  readonly reason: string;
  readonly crashesInWindow: number;
  readonly logsDir: string;
}

/** The error page: what happened, that nothing is lost, and one next action. No script (CSP). */
export function rendererFailedPage(input: RendererFailedPageInput): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>IMEI Kiosk stopped</title>
<link rel="stylesheet" href="${RENDERER_FAILED_STYLE_PATH}">
</head>
<body>
<main role="alert">
<h1>The kiosk screen stopped working</h1>
<p>${input.crashesInWindow > 1 ? `It stopped ${input.crashesInWindow} times within a minute` : 'It could not be started safely'}, so it was not restarted again.</p>
<p><strong>Nothing is lost.</strong> Every device already scanned is in the journal and is finished or checked when the kiosk starts again.</p>
<h2>Next</h2>
<p>Close the kiosk and start it again. If this screen comes back, call IT support.</p>
<p class="for-it">For IT: reason <code>${escapeHtml(input.reason)}</code>; logs in <code>${escapeHtml(input.logsDir)}</code>.</p>
</main>
</body>
</html>
`;
}

export function rendererFailedStyle(): string {
  return `body { margin: 0; background: #0b1220; color: #f8fafc; font: 24px/1.5 system-ui, sans-serif; }
main { max-width: 48rem; margin: 10vh auto; padding: 2rem; border-left: 12px solid #f87171; }
h1 { font-size: 2.5rem; margin: 0 0 1rem; }
h2 { font-size: 1.75rem; margin: 2rem 0 0.5rem; }
.for-it { font-size: 18px; color: #cbd5e1; }
code { font-size: 18px; }
`;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

export interface ShellResponse {
  readonly body: string;
  readonly contentType: string;
}

/** The URL main loads to show the error page; the details ride in the query string. */
export function rendererFailedUrl(origin: string, decision: { reason: string; crashesInWindow: number }): string {
  const query = new URLSearchParams({ reason: decision.reason, crashes: String(decision.crashesInWindow) });
  return `${origin}${RENDERER_FAILED_PATH}?${query.toString()}`;
}

/** Main's own pages under /__shell/, or undefined for every other URL (served from the renderer build). */
export function shellResponseFor(url: string, logsDir: string): ShellResponse | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.pathname === RENDERER_FAILED_STYLE_PATH)
    return { body: rendererFailedStyle(), contentType: 'text/css; charset=utf-8' };
  if (parsed.pathname !== RENDERER_FAILED_PATH) return undefined;
  const crashes = Number.parseInt(parsed.searchParams.get('crashes') ?? '', 10);
  return {
    contentType: 'text/html; charset=utf-8',
    body: rendererFailedPage({
      reason: (parsed.searchParams.get('reason') ?? 'unknown').slice(0, 64),
      crashesInWindow: Number.isFinite(crashes) && crashes > 0 ? crashes : 1,
      logsDir,
    }),
  };
}
