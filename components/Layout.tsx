import type { ComponentChildren } from "preact";

/** Props of {@link Layout}. */
export interface LayoutProps {
  title: string;
  stylesheet: string;
  boot: string;
  children: ComponentChildren;
  /** Extra elements for <head>, e.g. a no-JS refresh. */
  head?: ComponentChildren;
  /** The signed-in user, or null for a visitor. */
  user?: { email: string } | null;
}

/** The one page frame: header, main content, footer. */
export function Layout({ title, stylesheet, boot, children, head, user }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{title === "CodeVoyage" ? title : `${title} · CodeVoyage`}</title>
        <link rel="stylesheet" href={stylesheet} />
        <script type="module" src={boot}></script>
        {head}
      </head>
      <body>
        <header class="site-header">
          <a class="brand" href="/">
            <span class="brand-mark" aria-hidden="true">◆</span> CodeVoyage
          </a>
          <nav aria-label="Main">
            <a href="/">Analyze a repository</a>
            {user
              ? (
                <>
                  <a href="/scans">Recent scans</a>
                  <a href="/account" title={user.email}>Account</a>
                  <form method="post" action="/logout" class="inline-form">
                    <button type="submit" class="link-button">Log out</button>
                  </form>
                </>
              )
              : (
                <>
                  <a href="/login">Log in</a>
                  <a href="/signup">Sign up</a>
                </>
              )}
          </nav>
        </header>
        <main id="main">{children}</main>
        <footer class="site-footer">
          Self-hosted code intelligence · <a href="/health/ready">status</a>
        </footer>
      </body>
    </html>
  );
}
