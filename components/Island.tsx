import { createContext, type FunctionComponent } from "preact";
import { useContext } from "preact/hooks";

/** Island name → module URL, provided by the page renderer. */
export const IslandManifest = createContext<Record<string, string>>({});

/** Props of {@link Island}. */
export interface IslandProps<P> {
  name: string;
  component: FunctionComponent<P>;
  props: P;
}

/**
 * Renders an island on the server and marks it for the browser: the boot
 * script loads its module and hydrates it with the same (serialisable) props.
 */
export function Island<P>({ name, component: Component, props }: IslandProps<P>) {
  const src = useContext(IslandManifest)[name];
  if (!src) throw new Error(`Unknown island ${name}: is islands/${name}.tsx bundled?`);
  return (
    <div data-island={name} data-src={src} data-props={JSON.stringify(props)}>
      {/* @ts-ignore: P is the component's own props type */}
      <Component {...props} />
    </div>
  );
}
