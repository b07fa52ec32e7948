"use client";
import "./heat-map.css";
import { useRouter } from "next/navigation";
import { memo, useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type PointerEvent, type ReactNode } from "react";
import { maxVolumeOf, parseShown, shownOf, unpackCell, type HeatCell, type HeatMapData, type HeatMapFirstView, type ShownValue } from "@/lib/reports/heat-map-cells";
import { pendingLabel, unpublishedLabel, withheldLabel } from "@/lib/satisfaction/satisfaction-value";
import { heatMeasureLabel, heatMeasures, type HeatMeasure } from "@/lib/validation/organisation-values";
import { cellNumber, stepFor, stepsOf, type Step } from "./heat-scale";

/** A providing department's known issues in force in the period and their hours, by department key (only departments that had any). */
export type KnownIssueLayer = Record<string, { issues: number; hours: number }>;

/** `source`: where the figures of every measure are (HeatMapData), asked for when someone reaches for the map. */
type Props = { first: HeatMapFirstView; source: string; period: string; periodLabel: string; formId: string; knownIssues?: KnownIssueLayer };

const knownIssueText = (load: { issues: number; hours: number }) =>
  `${load.issues} known issue${load.issues === 1 ? "" : "s"} in force, ${load.hours.toLocaleString("en")} h`;

const tipId = "heat-tip";

/**
 * HR's internal-customer heat map: one cell per requesting × providing department, one number for
 * the chosen measure, the pair's other figures in a tooltip on hover or focus. An ARIA grid with a
 * roving tabindex: arrow keys (Home/End, Page Up/Down, Ctrl+Home/End) move, Enter opens the pair.
 * The page sends what the chosen measure shows (heat-map-cells.ts, firstView); the figures of every
 * measure, for a cell's details and the other measures, come from `source` the first time the pointer
 * or the focus reaches the map or another measure is chosen. Until they are here the map keeps showing
 * the first measure, and a cell's details say they are on their way.
 */
export function HeatMap({ first, source, period, periodLabel, formId, knownIssues = {} }: Props) {
  const router = useRouter();
  const [measure, setMeasure] = useState(first.measure);
  const [full, setFull] = useState<{ data: HeatMapData; cells: HeatCell[] } | null>(null);
  const [failed, setFailed] = useState(false);
  const loading = useRef(false);
  const load = () => {
    if (loading.current) return;
    loading.current = true;
    setFailed(false);
    fetch(source, { headers: { accept: "application/json" } })
      .then(async (res) => {
        if (!res.ok) throw new Error(`heat map figures: ${res.status}`);
        const data = (await res.json()) as HeatMapData;
        setFull({ data, cells: data.cells.map((c) => unpackCell(c, data.publishesAt, data.timeZone)) });
      })
      .catch(() => {
        loading.current = false; // the next reach for the map tries again
        setFailed(true);
      });
  };
  const data = full?.data ?? first;
  const cells = full?.cells;
  const shownMeasure = full ? measure : first.measure;
  const values = useMemo(() => (full ? full.cells.map((c) => shownOf(c, measure)) : parseShown(first.shown)), [full, measure, first.shown]);
  const maxVolume = useMemo(() => (full ? maxVolumeOf(full.cells) : first.maxVolume), [full, first.maxVolume]);
  const steps = useMemo(() => stepsOf(shownMeasure, maxVolume), [shownMeasure, maxVolume]);
  const [active, setActive] = useState(0);
  // The cell whose details show: the hovered one, else the focused one; none after Escape.
  const [tip, setTip] = useState<{ i: number; el: HTMLElement } | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const tipEl = useRef<HTMLDivElement>(null);
  const firstTap = useRef(false);
  const cols = data.cols.length;

  const cellAt = (i: number) => table.current?.tBodies[0]?.rows[Math.floor(i / cols)]?.cells[(i % cols) + 1] ?? null;
  const indexOf = (target: EventTarget): number | null => {
    const td = (target as HTMLElement).closest?.("td");
    if (!td || !table.current?.tBodies[0]?.contains(td)) return null;
    return (td.parentElement as HTMLTableRowElement).sectionRowIndex * cols + td.cellIndex - 1;
  };
  const open = (i: number) => {
    const row = data.rows[Math.floor(i / cols)]![0];
    const col = data.cols[i % cols]![0];
    router.push(`/insights/organisation/pair/${row}/${col}?${new URLSearchParams({ period, measure })}`);
  };
  const moveTo = (i: number) => {
    const el = cellAt(i);
    if (!el) return;
    // Keep the target clear of the sticky headers when the focus scrolls it into view.
    const head = table.current!.tHead!;
    wrap.current!.style.scrollPaddingTop = `${head.offsetHeight}px`;
    wrap.current!.style.scrollPaddingLeft = `${head.rows[0]!.cells[0]!.offsetWidth}px`;
    el.tabIndex = 0;
    el.focus();
    setActive(i);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const i = indexOf(e.target);
    if (i === null) return;
    const rows = data.rows.length;
    const r = Math.floor(i / cols);
    const c = i % cols;
    const to = (row: number, col: number) => Math.min(rows - 1, Math.max(0, row)) * cols + Math.min(cols - 1, Math.max(0, col));
    const next: Record<string, number> = {
      ArrowRight: to(r, c + 1),
      ArrowLeft: to(r, c - 1),
      ArrowDown: to(r + 1, c),
      ArrowUp: to(r - 1, c),
      PageDown: to(r + 10, c),
      PageUp: to(r - 10, c),
      Home: e.ctrlKey ? 0 : to(r, 0),
      End: e.ctrlKey ? rows * cols - 1 : to(r, cols - 1),
    };
    if (e.key in next) {
      e.preventDefault();
      moveTo(next[e.key]!);
    } else if (e.key === "Enter") {
      e.preventDefault();
      open(i);
    } else if (e.key === "Escape") {
      setTip(null);
    }
  };
  const onFocus = (e: FocusEvent<HTMLTableElement>) => {
    const i = indexOf(e.target);
    if (i === null) return;
    load();
    setActive(i);
    setTip({ i, el: e.target });
    // Sticky headers stay in place only while the box's top is on the screen: bring the whole box
    // into view (when it fits) rather than only the focused cell.
    const box = wrap.current!.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) wrap.current!.scrollIntoView({ block: "nearest" });
  };
  const onBlur = (e: FocusEvent<HTMLTableElement>) => {
    if (!table.current?.contains(e.relatedTarget)) setTip(null);
  };
  const onMouseOver = (e: MouseEvent<HTMLTableElement>) => {
    const i = indexOf(e.target);
    if (i !== null && tip?.i !== i) setTip({ i, el: (e.target as HTMLElement).closest("td")! });
  };
  const onMouseLeave = () => {
    const focused = cellAt(active);
    setTip(focused && document.activeElement === focused ? { i: active, el: focused } : null);
  };
  // A mouse click opens the pair (the details showed on hover); on a touch screen the first tap
  // shows the details and a second tap on the same cell opens it.
  const onPointerDown = (e: PointerEvent<HTMLTableElement>) => {
    const td = (e.target as HTMLElement).closest?.("td");
    firstTap.current = e.pointerType === "touch" && (!td || document.activeElement !== td);
  };
  const onClick = (e: MouseEvent<HTMLTableElement>) => {
    const i = indexOf(e.target);
    if (i === null) return;
    if (firstTap.current) moveTo(i);
    else open(i);
  };

  // Place the tooltip beside its cell, inside the window; again whenever the map or page scrolls.
  const [, relayout] = useState(0);
  useLayoutEffect(() => {
    const el = tipEl.current;
    if (!el || !tip) return;
    const cell = tip.el.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    const below = cell.bottom + 6 + box.height <= window.innerHeight;
    el.style.top = `${below ? cell.bottom + 6 : Math.max(6, cell.top - 6 - box.height)}px`;
    el.style.left = `${Math.min(window.innerWidth - box.width - 6, Math.max(6, cell.left))}px`;
  });
  useLayoutEffect(() => {
    if (!tip) return;
    const again = () => relayout((n) => n + 1);
    const scroller = wrap.current;
    scroller?.addEventListener("scroll", again, { passive: true });
    window.addEventListener("scroll", again, { passive: true });
    window.addEventListener("resize", again);
    return () => {
      scroller?.removeEventListener("scroll", again);
      window.removeEventListener("scroll", again);
      window.removeEventListener("resize", again);
    };
  }, [tip]);

  const choose = (m: HeatMeasure) => {
    load();
    setMeasure(m);
    const url = new URL(window.location.href);
    url.searchParams.set("measure", m);
    window.history.replaceState(null, "", url);
  };

  const shown = tip?.i ?? active;
  return (
    <div>
      <fieldset className="mb-3 flex flex-wrap items-center gap-2 text-sm">
        <legend className="float-left mr-2 font-medium text-slate-700">Colour by</legend>
        {heatMeasures.map((m) => (
          <label key={m} className="cursor-pointer rounded-full px-3 py-1 ring-1 ring-slate-300 has-checked:bg-slate-900 has-checked:text-white has-checked:ring-slate-900 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-500">
            <input type="radio" name="measure" value={m} form={formId} checked={measure === m} onChange={() => choose(m)} className="sr-only" />
            {heatMeasureLabel[m]}
          </label>
        ))}
      </fieldset>
      <Legend measure={shownMeasure} steps={steps} publishesAt={data.publishesAt} knownIssues={Object.keys(knownIssues).length > 0} />
      {(shownMeasure === "csat" || shownMeasure === "experience") && data.publishesAt ? (
        <p className="mb-3 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800" data-testid="pending-note">
          Satisfaction for {periodLabel} is published after the period ends ({pendingLabel({ publishesAt: new Date(data.publishesAt), timeZone: data.timeZone })}); until then no satisfaction
          figure is shown. First response, resolution and requests filed show as they happen.
        </p>
      ) : null}
      <p id="heat-help" className="mb-2 text-xs text-slate-600">
        Rows: the requesting department; columns: the department serving it. Hover or focus a cell for its details; arrow keys move between cells, Enter opens the pair month by month.
      </p>
      {/* The pointer (mouse, pen or touch) entering the map's box starts the figures' fetch, before it reaches a cell; the keyboard's focus starts it too (onFocus). */}
      <div ref={wrap} className="hm-wrap w-fit max-w-full rounded-lg bg-white ring-1 ring-slate-200" onPointerEnter={load}>
        <table
          ref={table}
          role="grid"
          aria-labelledby="heat-title"
          aria-describedby="heat-help"
          className="hm"
          data-testid="heat-map"
          data-measure={shownMeasure}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
          onBlur={onBlur}
          onMouseOver={onMouseOver}
          onMouseLeave={onMouseLeave}
          onPointerDown={onPointerDown}
          onClick={onClick}
        >
          <thead>
            <tr>
              <th scope="col">
                Requester ↓<br />
                Provider →
              </th>
              {data.cols.map(([key, name]) => {
                const load = knownIssues[key];
                return (
                  <th key={key} scope="col" data-k={key}>
                    <span>{name}</span>
                    {load ? (
                      <b className="hm-ki" title={knownIssueText(load)} data-testid="known-issue-mark">
                        <small aria-hidden>⚠{load.issues}</small>
                        <i>: {knownIssueText(load)}</i>
                      </b>
                    ) : null}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {data.rows.map(([key, name], r) => (
              <Row
                key={key}
                name={name}
                code={key}
                values={values.slice(r * cols, (r + 1) * cols)}
                measure={shownMeasure}
                steps={steps}
                active={Math.floor(active / cols) === r ? active % cols : -1}
              />
            ))}
          </tbody>
        </table>
      </div>
      <div ref={tipEl} id={tipId} role="tooltip" hidden={!tip} className="pointer-events-none fixed z-50 w-64 rounded-md bg-slate-900 px-3 py-2 text-xs text-white shadow-lg">
        {cells?.[shown] ? (
          <Details
            cell={cells[shown]}
            measure={shownMeasure}
            requester={data.rows[Math.floor(shown / cols)]![1]}
            provider={data.cols[shown % cols]![1]}
            knownIssues={knownIssues[data.cols[shown % cols]![0]]}
          />
        ) : (
          <span className="block" aria-live="polite">
            {failed ? "The pair's figures could not be loaded: move to another cell to try again." : "Loading the pair's figures…"}
          </span>
        )}
      </div>
    </div>
  );
}

type RowProps = { name: string; code: string; values: ShownValue[]; measure: HeatMeasure; steps: Step[]; active: number };

/** One requesting department: re-rendered only when what its cells show, the measure or its active cell change. */
const Row = memo(function Row({ name, code, values, measure, steps, active }: RowProps) {
  return (
    <tr>
      <th scope="row" data-k={code}>
        {name}
      </th>
      {values.map((value, c) => {
        const [className, content] = look(value, measure, steps);
        const focus = c === active ? { tabIndex: 0, "aria-describedby": tipId } : null;
        return (
          <td key={c} className={className} {...focus}>
            {content}
          </td>
        );
      })}
    </tr>
  );
}, (a, b) => a.measure === b.measure && a.active === b.active && a.steps === b.steps && a.values.length === b.values.length && a.values.every((v, i) => v === b.values[i]));

/**
 * A cell's class and content: its one number, or none. A withheld or pending cell's words for screen
 * readers are its class's generated content (heat-map.css), not markup: most cells of a closed
 * period's satisfaction map are withheld, and 2,500 copies of the words were 70 kB of the page.
 */
function look(value: ShownValue, measure: HeatMeasure, steps: Step[]): [string | undefined, ReactNode] {
  if (value === "w" || value === "p") return [value, null];
  if (value === null) return [undefined, null];
  return [stepFor(steps, value).className, cellNumber(measure, value)];
}

function Legend({ measure, steps, publishesAt, knownIssues }: { measure: HeatMeasure; steps: Step[]; publishesAt: string | null; knownIssues: boolean }) {
  const swatch = (className: string) => <span aria-hidden className={`inline-block h-3.5 w-6 rounded-sm ring-1 ring-slate-300 ${className}`} />;
  return (
    <div className="mb-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-xs text-slate-700" data-testid="legend">
      <span className="font-semibold">{heatMeasureLabel[measure]}:</span>
      {steps.map((s) => (
        <span key={s.label} className="inline-flex items-center gap-1">
          {swatch(s.className)}
          {s.label}
        </span>
      ))}
      {measure === "csat" || measure === "experience" ? (
        <>
          <span className="inline-flex items-center gap-1">
            {swatch("w")}
            {withheldLabel}
          </span>
          {publishesAt ? (
            <span className="inline-flex items-center gap-1">
              {swatch("p")}
              {unpublishedLabel}
            </span>
          ) : null}
          {measure === "experience" ? (
            <span className="inline-flex items-center gap-1">
              {swatch("bg-white")}
              No clock decided
            </span>
          ) : null}
        </>
      ) : (
        <span className="inline-flex items-center gap-1">
          {swatch("bg-white")}
          {measure === "volume" ? "No requests" : "No clock decided"}
        </span>
      )}
      {knownIssues ? (
        <span className="inline-flex items-center gap-1">
          <b className="hm-ki" aria-hidden>
            <small>⚠n</small>
          </b>
          n known issues of the provider in force in the period
        </span>
      ) : null}
    </div>
  );
}

const flagText: Record<HeatCell["flag"], string> = {
  watermelon: "watermelon (SLAs met, satisfaction below the goal)",
  hidden_gem: "hidden gem (SLAs missed, satisfaction at the goal)",
  aligned: "SLAs and satisfaction agree",
  unknown: "needs a published satisfaction figure and a decided clock",
};

function Details({ cell, measure, requester, provider, knownIssues }: { cell: HeatCell; measure: HeatMeasure; requester: string; provider: string; knownIssues?: { issues: number; hours: number } }) {
  const compliance = (c: HeatCell["firstResponse"]) => (c.percent === null ? "no clock decided" : `${c.percent} % (${c.met} of ${c.total} met)`);
  const s = cell.satisfaction;
  const satisfaction = s.state === "shown" ? `${s.percent} % (${s.satisfied} of ${s.ratings} ratings 4–5; average ${s.mean})` : s.state === "pending" ? pendingLabel(s) : withheldLabel;
  const lines: [HeatMeasure, string, string][] = [
    ["csat", "Satisfaction", satisfaction],
    ["experience", "Experience vs SLA", flagText[cell.flag]],
    ["firstResponse", "First response", compliance(cell.firstResponse)],
    ["resolution", "Resolution", compliance(cell.resolution)],
    ["volume", "Requests filed", String(cell.filed)],
  ];
  return (
    <>
      <span className="block font-semibold">
        {requester} → {provider}
      </span>
      <span className="hm-x">: </span>
      {lines.map(([m, label, text]) => (
        <span key={m} className={m === measure ? "block font-semibold text-amber-200" : "block"}>
          {label}: {text}
          <span className="hm-x">. </span>
        </span>
      ))}
      {knownIssues ? (
        <span className="block">
          {provider}: {knownIssueText(knownIssues)}
          <span className="hm-x">. </span>
        </span>
      ) : null}
      <span className="mt-1 block text-slate-300">Enter or select: month by month</span>
    </>
  );
}
