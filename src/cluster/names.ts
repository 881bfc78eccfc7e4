import { KEY_PREFIX } from './connection.js';

/** Queue and key names: everything of one segment under one prefix, so one ACL pattern covers it. */
export const segmentPattern = (segment: string) => `${KEY_PREFIX}:seg.${segment}.*`;
export const jobsQueue = (segment: string) => `seg.${segment}.jobs`;
/** One per audit and segment: a server coordinating one audit never takes another's results. */
export const resultsQueue = (segment: string, auditUuid: string) => `seg.${segment}.results.${auditUuid}`;
/** A hash: agent name → its latest heartbeat. */
export const agentsKey = (segment: string) => `${KEY_PREFIX}:seg.${segment}.agents`;
/** Audits submitted for `rasoat server` to coordinate (never readable by agents). */
export const CONTROL_QUEUE = 'central.control';
/** Held by whichever process coordinates an audit, so two never do. */
export const coordinatorKey = (auditUuid: string) => `${KEY_PREFIX}:central.coordinator.${auditUuid}`;
/** Job and result ids: one per chunk, so adding one twice is a no-op. */
export const chunkJobId = (auditUuid: string, chunk: number) => `${auditUuid}.${chunk}`;
