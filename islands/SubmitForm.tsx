import { useSignal } from "@preact/signals";

/** Props of the submit form: what the server knew when it rendered it. */
export interface SubmitFormProps {
  repoUrl?: string;
  ref?: string;
  error?: string | null;
  errorField?: string | null;
  allowLocal: boolean;
  /** Signed in: a token for a private repository may be given. */
  signedIn?: boolean;
}

/**
 * The "Analyze a repository" form. Without JavaScript it posts to /analyses;
 * hydrated, it submits through the API and shows errors in place.
 */
export default function SubmitForm(props: SubmitFormProps) {
  const error = useSignal(props.error ?? null);
  const errorField = useSignal(props.errorField ?? null);
  const busy = useSignal(false);

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    busy.value = true;
    error.value = null;
    try {
      const response = await fetch("/api/analyses", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({
          repoUrl: form.get("repoUrl"),
          ref: form.get("ref") || undefined,
          token: form.get("token") || undefined,
        }),
      });
      const body = await response.json();
      if (!response.ok) {
        error.value = body.error?.message ?? `The server answered ${response.status}`;
        errorField.value = body.error?.field ?? null;
        return;
      }
      location.assign(`/analyses/${body.id}`);
    } catch {
      error.value = "The server could not be reached. Try again.";
    } finally {
      busy.value = false;
    }
  }

  const placeholder = props.allowLocal ? "owner/name, https://… or /path/to/repo" : "owner/name or https://…";
  return (
    <form class="submit-form" method="post" action="/analyses" onSubmit={onSubmit} novalidate>
      <div class="field grow">
        <label for="repoUrl">Repository</label>
        <input
          id="repoUrl"
          name="repoUrl"
          type="text"
          required
          autocomplete="off"
          spellcheck={false}
          placeholder={placeholder}
          value={props.repoUrl ?? ""}
          aria-invalid={errorField.value === "repoUrl" ? "true" : undefined}
          aria-describedby={error.value ? "submit-error" : undefined}
        />
      </div>
      <div class="field">
        <label for="ref">Branch, tag or commit</label>
        <input
          id="ref"
          name="ref"
          type="text"
          autocomplete="off"
          spellcheck={false}
          placeholder="default branch"
          value={props.ref ?? ""}
          aria-invalid={errorField.value === "ref" ? "true" : undefined}
        />
      </div>
      {props.signedIn && (
        <div class="field">
          <label for="token">Token (private repository)</label>
          <input
            id="token"
            name="token"
            type="password"
            autocomplete="off"
            placeholder="optional"
            aria-invalid={errorField.value === "token" ? "true" : undefined}
          />
        </div>
      )}
      <button class="button primary" type="submit" disabled={busy.value}>
        {busy.value ? "Submitting…" : "Analyze"}
      </button>
      {error.value && <p id="submit-error" class="form-error" role="alert">{error.value}</p>}
    </form>
  );
}
