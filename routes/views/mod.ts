import { Hono } from "hono";
import type { AppEnv } from "../../lib/web/app_deps.ts";
import { contributorsView } from "./contributors.tsx";
import { filesView } from "./files.tsx";
import { graphView } from "./graph.tsx";
import { languagesView } from "./languages.tsx";
import { timelineView } from "./timeline.tsx";

/** The views of an analysis beyond its overview, each at /analyses/:id/<view>. */
export const analysisViews = new Hono<AppEnv>();

analysisViews.route("/", filesView);
analysisViews.route("/", graphView);
analysisViews.route("/", timelineView);
analysisViews.route("/", contributorsView);
analysisViews.route("/", languagesView);
