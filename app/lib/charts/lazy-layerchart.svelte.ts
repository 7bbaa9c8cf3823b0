import { onMount } from 'svelte';

type Layerchart = typeof import('layerchart');

let loading: Promise<Layerchart> | null = null;

/**
 * LayerChart (most of a dashboard's JavaScript) is fetched after the page has hydrated instead of
 * with it: the server-rendered numbers paint and become interactive first, and each chart's
 * fixed-height box keeps the layout still until its chart draws. One download for every chart.
 */
export function loadLayerchart(): Promise<Layerchart> {
  loading ??= import('layerchart');
  return loading;
}

/** For a chart component's script: `lib` is null until LayerChart has loaded in the browser (never on the server). */
export function lazyLayerchart(): { readonly lib: Layerchart | null } {
  let lib = $state<Layerchart | null>(null);
  onMount(() => {
    void loadLayerchart().then((loaded) => {
      lib = loaded;
    });
  });
  return {
    get lib() {
      return lib;
    },
  };
}
