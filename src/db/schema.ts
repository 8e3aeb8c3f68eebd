/** The drizzle schema: DESIGN.md's State. Migrations in drizzle/ are generated from this file. */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { BatchStatus, CaseStatus, ChunkStep, IntakeReport, IprStatus, Platform } from '../core/types.ts';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const iprs = sqliteTable('iprs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  regNo: text('reg_no').notNull().unique(),
  name: text('name').notNull(),
  owner: text('owner').notNull(),
  type: text('type').notNull(),
  region: text('region').notNull().default('Mainland China'),
  validFrom: text('valid_from'),
  validTo: text('valid_to'),
  authFrom: text('auth_from'),
  authTo: text('auth_to'),
  status: text('status').$type<IprStatus>().notNull().default('submitted'),
  portalNote: text('portal_note'),
  /** Who submitted it from Slack (`/takedown ipr add`), to be told when the portal verifies it or asks for more. */
  requestedBy: text('requested_by'),
  /** Where they asked. */
  requestChannel: text('request_channel'),
  createdAt: text('created_at').notNull().default(now),
  updatedAt: text('updated_at').notNull().default(now),
});

export const listings = sqliteTable(
  'listings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').$type<Platform>().notNull(),
    itemId: text('item_id').notNull(),
    url: text('url').notNull(),
    title: text('title'),
    seller: text('seller'),
    price: text('price'),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('listings_platform_item').on(t.platform, t.itemId), index('listings_url').on(t.url)],
);

export const batches = sqliteTable(
  'batches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestedBy: text('requested_by').notNull(),
    channelId: text('channel_id').notNull(),
    messageTs: text('message_ts'),
    /** What the request came from, for people: "pasted links" or a file's name. */
    source: text('source').notNull(),
    /** The Slack file id of a shared file, so a file delivered twice makes one request. */
    sourceRef: text('source_ref').unique(),
    iprRegNo: text('ipr_reg_no'),
    reason: text('reason').notNull(),
    chunkLimit: integer('chunk_limit').notNull(),
    status: text('status').$type<BatchStatus>().notNull().default('awaiting_approval'),
    approvedBy: text('approved_by'),
    approvedAt: text('approved_at'),
    cancelledBy: text('cancelled_by'),
    /** What intake said about the whole input: counts and every refused entry with its reason (JSON). */
    intakeReport: text('intake_report', { mode: 'json' }).$type<IntakeReport>().notNull(),
    error: text('error'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [index('batches_status').on(t.status)],
);

export const batchChunks = sqliteTable(
  'batch_chunks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: integer('batch_id')
      .notNull()
      .references(() => batches.id),
    chunkIndex: integer('chunk_index').notNull(),
    step: text('step').$type<ChunkStep>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [uniqueIndex('batch_chunks_batch_index').on(t.batchId, t.chunkIndex)],
);

export const batchItems = sqliteTable(
  'batch_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: integer('batch_id')
      .notNull()
      .references(() => batches.id),
    listingId: integer('listing_id')
      .notNull()
      .references(() => listings.id),
    chunkIndex: integer('chunk_index').notNull(),
    outcome: text('outcome').$type<'pending' | 'filed' | 'refused'>().notNull().default('pending'),
    caseNumber: text('case_number'),
    refusalReason: text('refusal_reason'),
  },
  (t) => [
    uniqueIndex('batch_items_batch_listing').on(t.batchId, t.listingId),
    index('batch_items_listing').on(t.listingId),
  ],
);

export const cases = sqliteTable(
  'cases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseNumber: text('case_number').notNull(),
    listingId: integer('listing_id')
      .notNull()
      .references(() => listings.id),
    iprRegNo: text('ipr_reg_no').notNull(),
    supplier: text('supplier'),
    platform: text('platform').$type<Platform>().notNull(),
    status: text('status').$type<CaseStatus>().notNull(),
    statusText: text('status_text'),
    complaintDate: text('complaint_date').notNull(),
    filedAt: text('filed_at').notNull(),
    closedAt: text('closed_at'),
    lastSeenAt: text('last_seen_at').notNull(),
    /** When the case entered its current status (the observation of that change). */
    statusSince: text('status_since'),
  },
  (t) => [
    uniqueIndex('cases_case_listing').on(t.caseNumber, t.listingId),
    index('cases_status').on(t.status),
    index('cases_listing').on(t.listingId),
    // The digest: open and overdue cases by filing time; counter-notices by when they came;
    // sellers by listings filed against them lately.
    index('cases_status_filed').on(t.status, t.filedAt),
    index('cases_status_since').on(t.status, t.statusSince),
    index('cases_filed_status_supplier').on(t.filedAt, t.status, t.supplier),
  ],
);

export const caseEvents = sqliteTable(
  'case_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    fromStatus: text('from_status').$type<CaseStatus>(),
    toStatus: text('to_status').$type<CaseStatus>().notNull(),
    detail: text('detail'),
    observedAt: text('observed_at').notNull(),
  },
  (t) => [
    index('case_events_observed').on(t.observedAt),
    index('case_events_case').on(t.caseId),
    // The digest: changes to one status in a period; cases first seen in a period.
    index('case_events_status_observed').on(t.toStatus, t.observedAt),
    index('case_events_first_seen').on(t.observedAt).where(sql`${t.fromStatus} is null`),
  ],
);

export const digests = sqliteTable(
  'digests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channel: text('channel').notNull(),
    /** The period the digest covers, e.g. the date it is for (YYYY-MM-DD). Unique per channel. */
    periodKey: text('period_key').notNull(),
    periodStart: text('period_start').notNull(),
    periodEnd: text('period_end').notNull(),
    status: text('status').$type<'posting' | 'posted'>().notNull().default('posting'),
    messageTs: text('message_ts'),
    summary: text('summary', { mode: 'json' }),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('digests_channel_period').on(t.channel, t.periodKey)],
);
