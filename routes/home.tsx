import { type Context, Hono } from "hono";
import { Island } from "../components/Island.tsx";
import { renderPage } from "../components/render.tsx";
import SubmitForm, { type SubmitFormProps } from "../islands/SubmitForm.tsx";
import { AppError, invalidField } from "../lib/errors.ts";
import { type AnalysisView, listRecentAnalyses } from "../lib/pipeline/analyses.ts";
import { submitAnalysis } from "../lib/pipeline/submit.ts";
import { normalizeRepoUrl, validateRef } from "../lib/repo/url.ts";
import type { AppEnv } from "../lib/web/app_deps.ts";
import { choosePrivateAccess } from "../lib/pipeline/private_access.ts";
import { readForm } from "../lib/web/validate.ts";

/** The home page and the plain-HTML submit form. */
export const home = new Hono<AppEnv>();

home.get("/", async (c) => {
  const deps = c.get("deps");
  return c.html(
    homePage(c, await listRecentAnalyses(deps.db), {
      allowLocal: deps.config.ALLOW_LOCAL_REPOS,
      signedIn: c.get("user") !== null,
    }),
  );
});

home.post("/analyses", async (c) => {
  const deps = c.get("deps");
  const form = await readForm(c);
  const repoUrl = form.repoUrl ?? "";
  const ref = form.ref ?? "";
  const token = form.token?.trim() || undefined;
  const user = c.get("user");
  try {
    const repo = normalizeRepoUrl(repoUrl, { allowLocal: deps.config.ALLOW_LOCAL_REPOS });
    const validRef = validateRef(ref);
    if (token && !/^[\x21-\x7e]{1,1000}$/.test(token)) throw invalidField("token", "must be a token without spaces");
    const { access, resolve } = await choosePrivateAccess(deps.db, deps.cipher, deps.resolveRef, {
      user,
      repo,
      ref: validRef,
      token,
    });
    const { id } = await submitAnalysis(deps.db, {
      repo,
      ref: validRef,
      requestId: c.get("requestId"),
      resolve,
      userId: user?.id,
      access,
    });
    return c.redirect(`/analyses/${id}`, 303);
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 400) throw error;
    const form = {
      repoUrl,
      ref,
      error: error.message,
      errorField: error.field,
      allowLocal: deps.config.ALLOW_LOCAL_REPOS,
      signedIn: user !== null,
    };
    return c.html(homePage(c, await listRecentAnalyses(deps.db), form), 400);
  }
});

function homePage(c: Context<AppEnv>, recent: AnalysisView[], form: SubmitFormProps): string {
  return renderPage(c, {
    title: "CodeVoyage",
    body: (
      <>
        <section class="hero">
          <h1>Understand any codebase</h1>
          <p class="lead">
            Give CodeVoyage a git repository. It clones it, reads every file and its whole history, and shows you what
            is there — on your own machine, in a minute or two.
          </p>
          <Island name="SubmitForm" component={SubmitForm} props={form} />
        </section>
        <section class="panel" aria-labelledby="what-title">
          <h2 id="what-title">What you get</h2>
          <ul class="features">
            <li>
              <strong>Structure</strong>{" "}
              — languages and lines (cloc-compatible), every function's complexity (lizard-compatible) in 12 languages,
              and the dependency graph with its cycles.
            </li>
            <li>
              <strong>History</strong>{" "}
              — hotspots (churn × complexity), ownership and truck factor, files that change together, activity over
              time.
            </li>
            <li>
              <strong>Time travel</strong> — the repository as it was at any commit, and what changed between two.
            </li>
            <li>
              <strong>For scripts</strong> — everything as JSON under <code>/api</code>, and a report you can download.
            </li>
          </ul>
        </section>
        <section class="panel">
          <h2>Recent analyses</h2>
          {recent.length === 0
            ? <p class="muted">Nothing analysed yet. Submit a repository above.</p>
            : (
              <ul class="recent">
                {recent.map((a) => (
                  <li key={a.id}>
                    <a href={`/analyses/${a.id}`}>{a.repoName}</a>
                    {a.ref && <code>{a.ref}</code>}
                    <span class={`status status-${a.status}`}>{a.status}</span>
                    <time datetime={a.createdAt}>{a.createdAt.slice(0, 16).replace("T", " ")}</time>
                  </li>
                ))}
              </ul>
            )}
        </section>
      </>
    ),
  });
}
