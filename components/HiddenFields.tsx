/** Hidden fields that carry the page's other query parameters through a form. */
export function HiddenFields({ fields }: { fields: Record<string, string> }) {
  return (
    <>{Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}</>
  );
}
