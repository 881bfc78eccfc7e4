import { useApp, useInput, useStdout } from 'ink';
import { useEffect, useReducer, useRef } from 'react';
import type { Lang } from '../core/model/text.js';
import { t, type MessageId } from '../i18n/t.js';
import { App } from './components/App.js';
import type { LiveFeed } from './feed.js';
import { initialApp, reduce, type AppAction } from './model/app.js';
import type { ScanControl, TuiData } from './model/data.js';
import { keyIntents, type Effect } from './model/keys.js';

export interface TuiProps {
  data: TuiData;
  lang: Lang;
  color: boolean;
  /** The scan to follow, for `rasoat scan --tui`. */
  scan?: { control: ScanControl; feed: LiveFeed; finished: Promise<unknown> };
  /** Open this audit in the explorer at once (`rasoat tui <audit>`). */
  auditId?: number;
  /** Fixed size (tests); otherwise the terminal's, following resizes. */
  width?: number;
  height?: number;
  timeZone?: string;
  /** Rows left free below the frame (a frame as tall as the terminal makes Ink clear it on every update). */
  bottomMargin?: number;
  /** Called when the user quits; the CLI stops a running scan and exits. */
  onQuit?: () => void;
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

/** The one component with effects: reads keys, the engine feed and the data source, renders <App>. */
export function Tui({ data, lang, color, scan, auditId, width, height, timeZone, bottomMargin = 0, onQuit }: TuiProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const size = () => ({ width: width ?? stdout.columns ?? 80, height: (height ?? stdout.rows ?? 24) - bottomMargin });
  const [state, dispatch] = useReducer(reduce, undefined, () => initialApp({ lang, ...size(), scanning: scan !== undefined }));
  const current = useRef(state);
  current.current = state;

  const run = async (work: () => Promise<AppAction>, loading = true) => {
    if (loading) dispatch({ type: 'loading' });
    try {
      dispatch(await work());
    } catch (error) {
      dispatch({ type: 'message', message: oneLine(error) });
    }
  };
  const open = (id: number, show: boolean) =>
    run(async () => {
      const opened = await data.open(id);
      const decisions = await data.triage(opened.failures.map((f) => f.fingerprint));
      return { type: 'opened', opened, decisions, show };
    }, show);

  const perform = (effect: Effect) => {
    switch (effect.type) {
      case 'pause':
        return scan?.control.pause();
      case 'resume':
        return scan?.control.resume();
      case 'stop':
        return scan?.control.stop();
      case 'quit':
        onQuit?.();
        return exit();
      case 'open-audit':
        return void open(effect.auditId, true);
      case 'load-history':
        return void run(async () => ({ type: 'history-loaded', audits: await data.audits() }));
      case 'compare':
        return void run(async () => ({ type: 'compared', before: effect.before, after: effect.after, diff: await data.compare(effect.before, effect.after) }));
      case 'decide':
        return void run(async () => {
          const decision = await data.decide(effect.fingerprint, effect.status, effect.reason, effect.auditId);
          const finding = current.current.explorer?.rows.find((r) => r.finding.fingerprint === effect.fingerprint)?.finding;
          const status = t(lang, `tui.status.${decision.status}` as MessageId);
          return { type: 'decided', decision, message: t(lang, 'tui.triage.saved', { status, rule: finding?.ruleId ?? '', host: finding?.host ?? '' }) };
        }, false).catch(() => undefined);
    }
  };

  useInput((input, key) => {
    // Keys typed faster than a frame arrive together ("jjk"): outside a prompt each is a key press.
    const presses = !current.current.prompt && input.length > 1 && /^[\x20-\x7e]+$/.test(input) ? [...input] : [input];
    let seen = current.current;
    for (const press of presses) {
      for (const intent of keyIntents(seen, press, key)) {
        if ('action' in intent) {
          // The next press must see this one's result; a single press needs no second reduce.
          if (presses.length > 1) seen = reduce(seen, intent.action);
          dispatch(intent.action);
        } else perform(intent.effect);
      }
    }
  });

  useEffect(() => {
    if (!scan) return undefined;
    const unsubscribe = scan.feed.subscribe((events) => dispatch({ type: 'events', events }));
    // Once the scan's results are stored, the explorer can open them (Enter on the live view).
    scan.finished.then(
      () => open(scan.control.auditId, false),
      (error: unknown) => dispatch({ type: 'message', message: oneLine(error) }),
    );
    return unsubscribe;
  }, []);

  useEffect(() => {
    if (scan) return;
    if (auditId !== undefined) {
      void (async () => {
        await run(async () => ({ type: 'history-loaded', audits: await data.audits() }));
        await open(auditId, true);
      })();
    } else void run(async () => ({ type: 'history-loaded', audits: await data.audits() }));
  }, []);

  useEffect(() => {
    if (width !== undefined && height !== undefined) return undefined;
    const onResize = () => dispatch({ type: 'resize', ...size() });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);

  return <App state={state} liveAuditId={scan?.control.auditId ?? null} color={color} {...(timeZone ? { timeZone } : {})} />;
}
