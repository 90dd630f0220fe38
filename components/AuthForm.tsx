/** Props of {@link AuthForm}. */
export interface AuthFormProps {
  mode: "login" | "signup";
  email?: string;
  error?: string | null;
  errorField?: string | null;
  /** Where to go after logging in (a path of this site). */
  next?: string | null;
}

/** The log-in and sign-up form: plain HTML, no JavaScript needed. */
export function AuthForm({ mode, email, error, errorField, next }: AuthFormProps) {
  const signup = mode === "signup";
  const action = signup ? "/signup" : "/login";
  return (
    <section class="auth-card panel">
      <h1>{signup ? "Create your account" : "Log in"}</h1>
      <p class="muted">
        {signup
          ? "Keep your scans in one place, analyse private repositories, and create API tokens for scripts."
          : "Welcome back. Your scans and tokens are waiting."}
      </p>
      <form method="post" action={next ? `${action}?next=${encodeURIComponent(next)}` : action} class="stack-form">
        <div class="field">
          <label for="email">E-mail address</label>
          <input
            id="email"
            name="email"
            type="email"
            required
            autocomplete="email"
            value={email ?? ""}
            aria-invalid={errorField === "email" ? "true" : undefined}
            aria-describedby={error ? "auth-error" : undefined}
          />
        </div>
        <div class="field">
          <label for="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            required
            minLength={signup ? 10 : undefined}
            autocomplete={signup ? "new-password" : "current-password"}
            aria-invalid={errorField === "password" ? "true" : undefined}
            aria-describedby={signup ? "password-hint" : undefined}
          />
          {signup && (
            <p id="password-hint" class="hint">At least 10 characters, not one of the most common passwords.</p>
          )}
        </div>
        {error && <p id="auth-error" class="form-error" role="alert">{error}</p>}
        <button class="button primary" type="submit">{signup ? "Sign up" : "Log in"}</button>
      </form>
      <p class="muted">
        {signup
          ? (
            <>
              Have an account? <a href="/login">Log in</a>
            </>
          )
          : (
            <>
              New here? <a href="/signup">Create an account</a>
            </>
          )}
      </p>
    </section>
  );
}
