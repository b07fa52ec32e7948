import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * next/link without prefetching; every link of the desk is this one (eslint refuses next/link elsewhere).
 * next/link prefetches each link that scrolls into view, and every page here is dynamic: each prefetch
 * is a request the server answers (the route's tree, measured at ~0.4× a small page's Node CPU), and a
 * queue shows the header's ten links and fifty requests, so one look at it cost the server several
 * times the page itself, for navigations that still fetch the page when clicked. A click still
 * navigates in place (no full reload); `prefetch` may still be set where a link is worth it.
 */
export default function Link({ prefetch = false, ...props }: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={prefetch} {...props} />;
}
