import type { MetadataRoute } from "next";

/** Installable as a web app, so people can pin the desk to a phone's home screen or a dock. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Service Desk",
    short_name: "Desk",
    description: "Ask another department for help, follow your requests and work your team's queue.",
    id: "/",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#f8fafc",
    theme_color: "#2f5bb7",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
      { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
