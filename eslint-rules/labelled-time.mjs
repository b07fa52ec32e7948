/**
 * desk/labelled-time: every time shown to a person goes through lib/time/format-time.ts, in their
 * zone and labelled with its abbreviation (DESIGN.md, Time). Flags what would show one without:
 *  - a Date's own text methods (toLocaleString, toLocaleDateString, toLocaleTimeString, toString,
 *    toDateString, toTimeString, toUTCString), which use the server's zone or an unlabelled one. The
 *    ones no other type has are flagged whatever the checker knows (an `any` from JSON included);
 *  - an Intl.DateTimeFormat that shows a clock time (hour, minute, second, timeStyle or dateStyle);
 *  - a time written by hand: a Date's hours or minutes (getHours, getUTCMinutes, date-fns' getHours
 *    ...) put into a template string or joined with `+` ("15:00" with no zone), and the clock part cut
 *    out of an ISO stamp (`toISOString().slice(11, 16)`, UTC without a label);
 *  - date-fns' `format` (or @date-fns/tz's `formatInTimeZone`) with a pattern that has hours or
 *    minutes and no zone token (z, O, X, x).
 * Type-aware where it can be: `toLocaleString` on a number is not a time. format-time.ts itself is
 * exempt in the config.
 */
const dateMethods = new Set(["toLocaleString", "toLocaleDateString", "toLocaleTimeString", "toString", "toDateString", "toTimeString", "toUTCString"]);
/** Methods only a Date has: flagged even when the checker cannot tell the receiver's type. */
const dateOnlyMethods = new Set(["toLocaleDateString", "toLocaleTimeString", "toDateString", "toTimeString", "toUTCString", "toGMTString"]);
const clockOptions = new Set(["hour", "minute", "second", "timeStyle", "dateStyle"]);
const clockGetters = new Set(["getHours", "getUTCHours", "getMinutes", "getUTCMinutes"]);
const dateFnsSources = new Set(["date-fns", "@date-fns/tz", "date-fns-tz"]);
const dateFnsFormats = new Set(["format", "formatInTimeZone", "formatDate"]);
const isoTimeStart = 11; // "2026-12-03T15:00:00.000Z": the clock starts after the "T"

const isIntlDateTimeFormat = (callee) =>
  callee.type === "MemberExpression" && callee.object.type === "Identifier" && callee.object.name === "Intl" && callee.property.type === "Identifier" && callee.property.name === "DateTimeFormat";

const methodName = (callee) => (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier" ? callee.property.name : null);

/** A date-fns pattern's letters outside its quoted literals ('at', ''). */
const patternLetters = (pattern) => pattern.replace(/'[^']*'/g, "");

/** The nodes a hand-written time's parts pass through on their way into text: pad(...), String(...).padStart(...), a ? b : c. */
const passesValueUp = new Set(["CallExpression", "MemberExpression", "ConditionalExpression", "LogicalExpression", "ChainExpression", "TSAsExpression", "TSNonNullExpression", "ArrayExpression"]);

export const labelledTime = {
  meta: {
    type: "problem",
    docs: { description: "Show times only through lib/time/format-time.ts (the reader's zone, labelled)" },
    messages: {
      dateText: "{{method}}() shows a time without the reader's zone label: use formatTime (lib/time/format-time.ts).",
      intlClock: "An Intl.DateTimeFormat with a clock time shows it without the zone label: use formatTime (lib/time/format-time.ts).",
      handWritten: "A time written by hand from its hours and minutes has no zone label: use formatTime (lib/time/format-time.ts).",
      isoClock: "The clock part of an ISO stamp is UTC without a label: use formatTime (lib/time/format-time.ts).",
      patternClock: "This date-fns pattern shows a clock time without a zone token: use formatTime (lib/time/format-time.ts).",
    },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    const checker = services?.program?.getTypeChecker();
    const isDate = (node) => {
      if (!checker || !services.esTreeNodeToTSNodeMap) return false;
      const type = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node));
      const types = type.isUnion() ? type.types : [type];
      return types.some((t) => (t.getSymbol() ?? t.aliasSymbol)?.getName() === "Date");
    };
    const clockIn = (options) =>
      options?.type === "ObjectExpression" &&
      options.properties.some((p) => p.type === "Property" && p.key.type === "Identifier" && clockOptions.has(p.key.name));
    const checkIntl = (node) => {
      if (isIntlDateTimeFormat(node.callee) && clockIn(node.arguments[1])) context.report({ node, messageId: "intlClock" });
    };

    // Local names of date-fns' getHours/getMinutes and format functions, from this file's imports.
    const dateFnsGetters = new Set();
    const dateFnsFormatters = new Set();
    const reported = new Set();

    const isPlus = (n) => n?.type === "BinaryExpression" && n.operator === "+";
    const topOfPlus = (n) => {
      let top = n;
      while (isPlus(top.parent)) top = top.parent;
      return top;
    };
    const operands = (n) => (isPlus(n) ? [...operands(n.left), ...operands(n.right)] : [n]);
    /** A `+` chain is text when one of its operands is a string (`h * 60 + m` is arithmetic). */
    const isText = (n) => n.type === "TemplateLiteral" || operands(n).some((o) => o.type === "TemplateLiteral" || (o.type === "Literal" && typeof o.value === "string"));

    /** The template string or string `+` the value of `node` goes into, if it goes into one. */
    const textAround = (node) => {
      let child = node;
      for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
        if (parent.type === "TemplateLiteral") return parent;
        if (isPlus(parent)) return isText(topOfPlus(parent)) ? topOfPlus(parent) : null;
        // An argument or a callee passes its value up (pad(h), String(h).padStart(2, "0")); anything else ends the walk.
        if (!passesValueUp.has(parent.type)) return null;
        if (parent.type === "ConditionalExpression" && parent.test === child) return null;
      }
      return null;
    };
    const reportHandWritten = (getterCall) => {
      let text = textAround(getterCall);
      if (!text) return;
      // "at " + (m < 10 ? "0" + m : m): the text shown is the outermost one; one report for it.
      for (let outer = textAround(text); outer; outer = textAround(outer)) text = outer;
      if (reported.has(text)) return;
      reported.add(text);
      context.report({ node: text, messageId: "handWritten" });
    };

    return {
      ImportDeclaration(node) {
        if (!dateFnsSources.has(node.source.value)) return;
        for (const s of node.specifiers) {
          if (s.type !== "ImportSpecifier" || s.imported.type !== "Identifier") continue;
          if (clockGetters.has(s.imported.name)) dateFnsGetters.add(s.local.name);
          if (dateFnsFormats.has(s.imported.name)) dateFnsFormatters.add(s.local.name);
        }
      },
      NewExpression: checkIntl,
      CallExpression(node) {
        checkIntl(node);
        const callee = node.callee;
        if (callee.type === "Identifier") {
          if (dateFnsGetters.has(callee.name)) reportHandWritten(node);
          if (dateFnsFormatters.has(callee.name)) {
            // format(date, pattern) and formatInTimeZone(date, zone, pattern): the pattern is the last string.
            const pattern = [...node.arguments].reverse().find((a) => a.type === "Literal" && typeof a.value === "string");
            if (pattern) {
              const letters = patternLetters(pattern.value);
              if (/[HhKkm]/.test(letters) && !/[zOXx]/.test(letters)) context.report({ node, messageId: "patternClock" });
            }
          }
          return;
        }
        const method = methodName(callee);
        if (!method) return;
        if (clockGetters.has(method)) reportHandWritten(node); // only a Date has these
        if (dateOnlyMethods.has(method) || (dateMethods.has(method) && isDate(callee.object))) {
          context.report({ node, messageId: "dateText", data: { method } });
          return;
        }
        if (["slice", "substring", "substr"].includes(method) && callee.object.type === "CallExpression" && methodName(callee.object.callee) === "toISOString") {
          const [start, end] = node.arguments.map((a) => (a.type === "Literal" && typeof a.value === "number" ? a.value : null));
          const cut = { start: start ?? 0, end: node.arguments.length < 2 ? Infinity : end };
          const endsAt = method === "substr" && cut.end !== null ? cut.start + cut.end : cut.end;
          // Only literal bounds are judged: a date (slice(0, 10)) passes, anything reaching past the "T" is a clock.
          if (start !== null && endsAt !== null && endsAt > isoTimeStart) context.report({ node, messageId: "isoClock" });
        }
      },
    };
  },
};

const plugin = { rules: { "labelled-time": labelledTime } };
export default plugin;
