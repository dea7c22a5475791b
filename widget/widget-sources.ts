/**
 * The esbuild plugin that reads the widget's sources, shared/ and the webshop kit's sources (shared/webshop takes the
 * contract's schemas from there) for the bundles: valibot's schema builders marked
 * pure (pure-schemas.ts), so unused schemas are left out, and the widget's Lit templates shrunk
 * (template-whitespace.ts). esbuild runs one onLoad per file, so both are applied here.
 */
import { readFile } from "node:fs/promises";
import type { Plugin } from "esbuild";
import { markSchemasPure } from "./pure-schemas";
import { shrinkTemplates } from "./template-whitespace";

const WIDGET_SOURCE = /[\\/]widget[\\/]src[\\/]/;

export const widgetSources: Plugin = {
  name: "widget-sources",
  setup(build) {
    build.onLoad({ filter: /[\\/](widget[\\/]src|shared|webshop-kit[\\/]src)[\\/].*\.ts$/ }, async (args) => {
      const source = markSchemasPure(await readFile(args.path, "utf8"), args.path);
      return { contents: WIDGET_SOURCE.test(args.path) ? shrinkTemplates(source, args.path) : source, loader: "ts" };
    });
  },
};
