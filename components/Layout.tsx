import type { ComponentChildren } from "preact";
import ThemeToggle from "../islands/ThemeToggle.tsx";
import { Island } from "./Island.tsx";

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
  /** The theme chosen with the toggle (a cookie), or the system's. */
  theme?: "system" | "light" | "dark";
}

/** The brand mark as the page icon, inline (no extra request, no 404 for /favicon.ico). */
const ICON = "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M8 1 15 8 8 15 1 8z" fill="#3558d6"/></svg>',
  );

/** The one page frame: header, main content, footer. */
export function Layout({ title, stylesheet, boot, children, head, user, theme = "system" }: LayoutProps) {
  return (
    <html lang="en" data-theme={theme === "system" ? undefined : theme}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{title === "CodeVoyage" ? title : `${title} · CodeVoyage`}</title>
        <link rel="stylesheet" href={stylesheet} />
        <link rel="icon" href={ICON} />
        <script type="module" src={boot}></script>
        {head}
      </head>
      <body>
        <header class="site-header">
          <a class="brand" href="/">
            <span class="brand-mark" aria-hidden="true">◆</span> CodeVoyage
          </a>
          <nav aria-label="Main">
            <Island name="ThemeToggle" component={ThemeToggle} props={{ theme }} />
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
