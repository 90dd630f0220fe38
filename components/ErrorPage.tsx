/** Props of {@link ErrorPage}. */
export interface ErrorPageProps {
  status: number;
  title: string;
  message: string;
}

/** The body of the 404 and 500 pages. */
export function ErrorPage({ status, title, message }: ErrorPageProps) {
  return (
    <section class="panel error-page">
      <p class="eyebrow">Error {status}</p>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a class="button" href="/">Back to the start</a>
      </p>
    </section>
  );
}
