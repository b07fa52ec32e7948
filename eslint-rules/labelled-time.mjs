/**
 * desk/labelled-time: every time shown to a person goes through lib/time/format-time.ts, in their
 * zone and labelled with its abbreviation (DESIGN.md, Time). Flags what would show one without:
 *  - a Date's own text methods (toLocaleString, toLocaleDateString, toLocaleTimeString, toString,
 *    toDateString, toTimeString, toUTCString), which use the server's zone or an unlabelled one;
 *  - an Intl.DateTimeFormat that shows a clock time (hour, minute, second, timeStyle or dateStyle).
 * Type-aware: `toLocaleString` on a number is not a time. format-time.ts itself is exempt in the config.
 */
const dateMethods = new Set(["toLocaleString", "toLocaleDateString", "toLocaleTimeString", "toString", "toDateString", "toTimeString", "toUTCString"]);
const clockOptions = new Set(["hour", "minute", "second", "timeStyle", "dateStyle"]);

const isIntlDateTimeFormat = (callee) =>
  callee.type === "MemberExpression" && callee.object.type === "Identifier" && callee.object.name === "Intl" && callee.property.type === "Identifier" && callee.property.name === "DateTimeFormat";

export const labelledTime = {
  meta: {
    type: "problem",
    docs: { description: "Show times only through lib/time/format-time.ts (the reader's zone, labelled)" },
    messages: {
      dateText: "{{method}}() shows a time without the reader's zone label: use formatTime (lib/time/format-time.ts).",
      intlClock: "An Intl.DateTimeFormat with a clock time shows it without the zone label: use formatTime (lib/time/format-time.ts).",
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
    return {
      NewExpression: checkIntl,
      CallExpression(node) {
        checkIntl(node);
        const callee = node.callee;
        if (callee.type !== "MemberExpression" || callee.computed || callee.property.type !== "Identifier") return;
        if (dateMethods.has(callee.property.name) && isDate(callee.object)) context.report({ node, messageId: "dateText", data: { method: callee.property.name } });
      },
    };
  },
};

const plugin = { rules: { "labelled-time": labelledTime } };
export default plugin;
