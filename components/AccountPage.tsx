import { DataTable } from "./DataTable.tsx";
import type { ApiTokenView } from "../lib/auth/api_tokens.ts";
import type { CredentialView } from "../lib/credentials/store.ts";

/** Props of {@link AccountPage}. */
export interface AccountPageProps {
  email: string;
  sessions: { id: string; kind: string; userAgent: string | null; createdAt: Date; expiresAt: Date }[];
  tokens: ApiTokenView[];
  credentials: CredentialView[];
  /** A token just created: shown this once. */
  newToken?: string | null;
  notice?: string | null;
  error?: string | null;
  /** False when the server has no key to seal repository tokens. */
  privateRepos: boolean;
}

const day = (iso: string | Date | null) => iso ? new Date(iso).toISOString().slice(0, 10) : "—";

/** The account: logins, personal API tokens and repository tokens, each with its own form. */
export function AccountPage(props: AccountPageProps) {
  return (
    <>
      <section class="page-head">
        <p class="eyebrow">Account</p>
        <h1>{props.email}</h1>
        {props.notice && <p class="notice" role="status">{props.notice}</p>}
        {props.error && <p class="form-error" role="alert">{props.error}</p>}
      </section>

      <section class="panel" aria-labelledby="tokens-title">
        <h2 id="tokens-title">API tokens</h2>
        <p class="muted">
          For scripts and CI: send <code>Authorization: Bearer &lt;token&gt;</code> to <code>/api</code>.
        </p>
        {props.newToken && (
          <div class="new-token" role="status">
            <p>Your new token — copy it now, it is not shown again:</p>
            <code class="token-value">{props.newToken}</code>
          </div>
        )}
        {props.tokens.length > 0 && (
          <DataTable columns={["Name", "Starts with", "Created", "Expires", "Last used"]} actions>
            {props.tokens.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>
                  <code>{t.prefix}…</code>
                </td>
                <td>{day(t.createdAt)}</td>
                <td>{t.expiresAt ? day(t.expiresAt) : "never"}</td>
                <td>{t.lastUsedAt ? day(t.lastUsedAt) : "never"}</td>
                <td>
                  <form method="post" action={`/account/tokens/${t.id}/revoke`}>
                    <button class="button small danger" type="submit">Revoke</button>
                  </form>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <form method="post" action="/account/tokens" class="inline-fields">
          <div class="field grow">
            <label for="token-name">Name</label>
            <input id="token-name" name="name" type="text" required maxLength={100} placeholder="CI on main" />
          </div>
          <div class="field">
            <label for="token-expiry">Expires</label>
            <select id="token-expiry" name="expiresInDays">
              <option value="30">in 30 days</option>
              <option value="90">in 90 days</option>
              <option value="365">in a year</option>
              <option value="">never</option>
            </select>
          </div>
          <button class="button primary" type="submit">Create token</button>
        </form>
      </section>

      <section class="panel" aria-labelledby="repo-tokens-title">
        <h2 id="repo-tokens-title">Repository tokens</h2>
        <p class="muted">
          A token per git host (a GitHub personal access token with read access, for example) lets you analyse your
          private repositories. It is stored encrypted and only handed to git. Public repositories are analysed without
          it.
        </p>
        {props.credentials.length > 0 && (
          <DataTable columns={["Host", "Kind", "Token", "Added", "Last used"]} actions>
            {props.credentials.map((cred) => (
              <tr key={cred.id}>
                <td>{cred.host}</td>
                <td>{cred.kind === "account" ? "for every repository" : "given with one analysis"}</td>
                <td>
                  <code>{cred.hint}</code>
                </td>
                <td>{day(cred.createdAt)}</td>
                <td>{cred.lastUsedAt ? day(cred.lastUsedAt) : "never"}</td>
                <td>
                  <form method="post" action={`/account/credentials/${cred.id}/delete`}>
                    <button class="button small danger" type="submit">Delete</button>
                  </form>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        {props.privateRepos
          ? (
            <form method="post" action="/account/credentials" class="inline-fields">
              <div class="field">
                <label for="cred-host">Host</label>
                <input id="cred-host" name="host" type="text" required value="github.com" />
              </div>
              <div class="field grow">
                <label for="cred-token">Token</label>
                <input id="cred-token" name="token" type="password" required autocomplete="off" />
              </div>
              <div class="field">
                <label for="cred-username">Username (optional)</label>
                <input id="cred-username" name="username" type="text" autocomplete="off" placeholder="x-access-token" />
              </div>
              <button class="button primary" type="submit">Save token</button>
            </form>
          )
          : (
            <p class="muted">
              This server has no encryption key configured (CREDENTIALS_KEYS): tokens cannot be kept.
            </p>
          )}
      </section>

      <section class="panel" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Where you are logged in</h2>
        <ul class="recent">
          {props.sessions.map((s) => (
            <li key={s.id}>
              <span>{s.kind === "cookie" ? "Browser" : "API login"}</span>
              <span class="muted">{s.userAgent ?? "unknown client"}</span>
              <time datetime={s.createdAt.toISOString()}>since {day(s.createdAt)}</time>
            </li>
          ))}
        </ul>
        <form method="post" action="/account/logout-all">
          <button class="button danger" type="submit">Log out everywhere</button>
        </form>
      </section>
    </>
  );
}
