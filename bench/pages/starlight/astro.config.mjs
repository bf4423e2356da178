// Astro Starlight with its defaults: the second baseline of bench/pages/run.py, which writes
// src/content/ (our Markdown, converted) before each build. Same base path as our site.
import starlight from "@astrojs/starlight";
import { defineConfig } from "astro/config";

export default defineConfig({
  site: "https://hinge-course.github.io",
  base: "/hinge-course",
  integrations: [starlight({ title: "Hinge Course" })],
});
