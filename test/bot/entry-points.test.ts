import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getBatch } from '../../src/db/repositories/batches.ts';
import { recordHistory } from '../../src/db/repositories/cases.ts';
import { findIpr } from '../../src/db/repositories/iprs.ts';
import {
  ANALYST,
  APPROVER,
  type BotHarness,
  blockText,
  CHANNEL,
  DM_ANALYST,
  OUTSIDER,
  startBot,
} from '../helpers/bot.ts';

const LINK_A = 'https://www.aliexpress.com/item/1005007681552454.html';
const LINK_B = 'https://www.aliexpress.com/item/4000887812210.html';

const confirmation = (bot: BotHarness, channel = CHANNEL) =>
  bot.slack.waitFor(
    (r) => r.kind === 'post' && r.channel === channel && r.text.startsWith('Takedown request #'),
  );
const privateNote = (bot: BotHarness, user: string, pred: (text: string) => boolean = () => true) =>
  bot.slack.waitFor((r) => r.kind === 'ephemeral' && r.user === user && pred(r.text));

function openModal(bot: BotHarness, user: string, callbackId: string) {
  const view = bot.slack.views(user).find((v) => v.open && v.callback_id === callbackId);
  if (!view) throw new Error(`no open ${callbackId} modal`);
  return view;
}

describe('the entry points of /takedown', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startBot();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('/takedown help lists every subcommand privately', async () => {
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'help',
      userId: ANALYST,
      channelId: CHANNEL,
    });
    const note = await privateNote(bot, ANALYST);
    for (const part of [
      '/takedown search',
      '/takedown ipr add',
      '/takedown status',
      '/takedown digest',
      '/takedown withdraw',
    ]) {
      expect(note.text).toContain(part);
    }
  });

  it('/takedown alone opens a modal; links pasted there and a CSV attached make one request in the channel', async () => {
    const res = await bot.driver.slashCommand({
      command: '/takedown',
      text: '',
      userId: ANALYST,
      channelId: CHANNEL,
    });
    expect(res.status).toBe(200);
    await bot.slack.waitFor((r) => r.kind === 'view_open' && r.user === ANALYST);
    const view = openModal(bot, ANALYST, 'takedown_links');
    const file = bot.driver.pickFile({
      userId: ANALYST,
      filename: 'crawler.csv',
      content: `"Listing URL"\n"${LINK_B}"\n"https://www.amazon.com/dp/B01"\n`,
    });
    const submitted = await bot.driver.submitView({
      viewId: view.id,
      userId: ANALYST,
      values: { links: LINK_A, files: [file.id] },
    });
    expect(submitted.status).toBe(200);
    const text = blockText((await confirmation(bot)).blocks);
    expect(text).toContain('2 listings ready');
    expect(text).toContain('1 rejected');
    expect(text).toContain('crawler.csv');
  });

  it('the modal submitted empty is refused in place, saying what to enter', async () => {
    await bot.driver.slashCommand({ command: '/takedown', text: '', userId: ANALYST, channelId: CHANNEL });
    await bot.slack.waitFor((r) => r.kind === 'view_open');
    const view = openModal(bot, ANALYST, 'takedown_links');
    const res = await bot.driver.submitView({
      viewId: view.id,
      userId: ANALYST,
      values: { links: 'remove the fakes please' },
    });
    expect(res.body).toMatchObject({
      response_action: 'errors',
      errors: { links: expect.stringContaining('no links') },
    });
    expect(bot.posts()).toHaveLength(0);
  });

  it('the message shortcut files the links of the message it is used on', async () => {
    const msg = bot.slack.workspace.post({
      channel: CHANNEL,
      user: OUTSIDER,
      text: `found more fakes: <${LINK_A}> and ${LINK_B}`,
    });
    const res = await bot.driver.messageShortcut({
      callbackId: 'file_takedown_from_message',
      channel: CHANNEL,
      messageTs: msg.ts,
      userId: ANALYST,
    });
    expect(res.status).toBe(200);
    const posted = await confirmation(bot);
    expect(blockText(posted.blocks)).toContain('2 listings ready');
    expect(getBatch(bot.db, 1)?.requestedBy).toBe(ANALYST);
  });

  it('the message shortcut on a message without links answers privately', async () => {
    const msg = bot.slack.workspace.post({ channel: CHANNEL, user: OUTSIDER, text: 'lunch?' });
    await bot.driver.messageShortcut({
      callbackId: 'file_takedown_from_message',
      channel: CHANNEL,
      messageTs: msg.ts,
      userId: ANALYST,
    });
    const note = await privateNote(bot, ANALYST);
    expect(note.text).toContain('no links');
    expect(bot.posts()).toHaveLength(0);
  });

  it('a spreadsheet sent in a DM with the bot gets its confirmation in that DM', async () => {
    await bot.driver.shareFile({
      channelId: DM_ANALYST,
      userId: ANALYST,
      filename: 'list.txt',
      content: `${LINK_A}\n${LINK_B}\n`,
    });
    const posted = await confirmation(bot, DM_ANALYST);
    expect(blockText(posted.blocks)).toContain('2 listings ready');
  });

  it('/takedown status lists the latest requests, then one by number, and says when a link was never filed', async () => {
    await bot.driver.slashCommand({
      command: '/takedown',
      text: LINK_A,
      userId: ANALYST,
      channelId: CHANNEL,
    });
    await confirmation(bot);
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'status',
      userId: ANALYST,
      channelId: CHANNEL,
    });
    expect((await privateNote(bot, ANALYST, (t) => t.includes('Latest takedown requests'))).text).toContain(
      '#1* waiting for approval',
    );
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'status #1',
      userId: OUTSIDER,
      channelId: CHANNEL,
    });
    expect((await privateNote(bot, OUTSIDER)).text).toContain('waiting for approval');
    await bot.driver.slashCommand({
      command: '/takedown',
      text: `status ${LINK_B}`,
      userId: APPROVER,
      channelId: CHANNEL,
    });
    expect((await privateNote(bot, APPROVER)).text).toContain('never filed');
  });

  it('/takedown status with a case number shows each listing of the case and its portal status', async () => {
    recordHistory(
      bot.db,
      [
        {
          complaintDate: '11/20/2026',
          caseNumber: '202611200000000001',
          iprRegNo: '2485097;',
          supplier: 'mayver2012',
          listingUrl: LINK_A,
          platform: 'Aliexpress.com',
          status: 'removed',
          statusText: 'Listing Removed',
        },
      ],
      new Date(),
    );
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'status 202611200000000001',
      userId: ANALYST,
      channelId: CHANNEL,
    });
    const note = await privateNote(bot, ANALYST);
    expect(note.text).toContain('Listing Removed');
    expect(note.text).toContain('1005007681552454');
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'status 209999999999999999',
      userId: ANALYST,
      channelId: CHANNEL,
    });
    expect((await privateNote(bot, ANALYST, (t) => t.includes('209999999999999999'))).text).toContain(
      'I know no case',
    );
  });

  it('/takedown digest posts the digest in the channel now, and a second time says there is nothing new', async () => {
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'digest',
      userId: ANALYST,
      channelId: CHANNEL,
    });
    await bot.slack.waitFor((r) => r.kind === 'post' && r.channel === CHANNEL);
    expect(bot.posts()).toHaveLength(1);
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'digest',
      userId: ANALYST,
      channelId: CHANNEL,
    });
    expect((await privateNote(bot, ANALYST)).text).toContain('No new digest');
    expect(bot.posts()).toHaveLength(1);
  });

  it('/takedown withdraw: refused privately for someone who is not an approver; an approver withdraws and the channel is told', async () => {
    const row = {
      complaintDate: '11/20/2026',
      caseNumber: '202611200000000007',
      iprRegNo: '2485097;',
      supplier: 's',
      listingUrl: LINK_B,
      platform: 'Aliexpress.com',
      status: 'in_progress' as const,
      statusText: 'In Progress',
    };
    recordHistory(bot.db, [row], new Date());
    bot.portal.historyRows.push({ ...row });
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'withdraw 202611200000000007',
      userId: OUTSIDER,
      channelId: CHANNEL,
    });
    expect((await privateNote(bot, OUTSIDER)).text).toContain('Only an approver');
    expect(bot.portal.calls).not.toContain('withdraw:202611200000000007');
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'withdraw 202611200000000007',
      userId: APPROVER,
      channelId: CHANNEL,
    });
    const told = await bot.slack.waitFor(
      (r) => r.kind === 'post' && r.channel === CHANNEL && r.text.includes('withdrew case'),
    );
    expect(told.text).toContain('1 of 1 listing now Withdrawn');
    expect(bot.portal.calls).toContain('withdraw:202611200000000007');
  });
});

describe('/takedown search', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startBot();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('posts the candidates with checkboxes; Report selected files only the ticked ones through the usual confirmation', async () => {
    bot.portal.searchResults.set('aliexpress', [
      {
        listingUrl: LINK_A,
        title: 'RIVERSTONE K250 knife',
        seller: 'best-edc-store',
        price: 'US $26.01',
        platform: 'AliExpress',
      },
      {
        listingUrl: LINK_B,
        title: 'Outdoor RIVERSTONE K250',
        seller: 'Huan Tools Store',
        platform: 'AliExpress',
      },
      {
        listingUrl: 'https://www.aliexpress.com/item/1005001111111111.html',
        title: 'Genuine RIVERSTONE',
        seller: 'Riverstone Official',
        platform: 'AliExpress',
      },
    ]);
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'search riverstone aliexpress',
      userId: ANALYST,
      channelId: CHANNEL,
    });
    const triage = await bot.slack.waitFor((r) => r.kind === 'post' && r.text.startsWith('Keyword search'));
    expect(bot.portal.calls).toContain('search:riverstone:aliexpress');
    expect(blockText(triage.blocks)).toContain('RIVERSTONE K250 knife');
    await bot.driver.selectOption({
      channel: CHANNEL,
      messageTs: triage.ts as string,
      actionId: 'search_pick',
      value: [LINK_A, LINK_B],
      userId: ANALYST,
    });
    await bot.driver.clickButton({
      channel: CHANNEL,
      messageTs: triage.ts as string,
      actionId: 'search_report',
      userId: ANALYST,
    });
    const text = blockText((await confirmation(bot)).blocks);
    expect(text).toContain('2 listings ready');
    expect(text).toContain('keyword search “riverstone”');
    await bot.slack.waitFor(
      (r) => r.kind === 'update' && r.ts === triage.ts && r.text.includes('request #1'),
    );
  });

  it('Report selected with nothing ticked says so privately and files nothing', async () => {
    bot.portal.searchResults.set('1688', [
      {
        listingUrl: 'https://detail.1688.com/offer/600000000001.html',
        title: 'knife',
        seller: 's',
        platform: '1688',
      },
    ]);
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'search knife 1688',
      userId: ANALYST,
      channelId: CHANNEL,
    });
    const triage = await bot.slack.waitFor((r) => r.kind === 'post' && r.text.startsWith('Keyword search'));
    await bot.driver.clickButton({
      channel: CHANNEL,
      messageTs: triage.ts as string,
      actionId: 'search_report',
      userId: ANALYST,
    });
    expect((await privateNote(bot, ANALYST, (t) => t.includes('Tick'))).text).toContain('Tick the listings');
    expect(getBatch(bot.db, 1)).toBeUndefined();
  });

  it('when the search finds 130 listings, 100 are offered in groups of 10, and the full list is attached as a CSV', async () => {
    bot.portal.searchResults.set(
      'aliexpress',
      Array.from({ length: 130 }, (_, i) => ({
        listingUrl: `https://www.aliexpress.com/item/${1005000000000000 + i}.html`,
        title: `RIVERSTONE knife ${i}`,
        seller: `seller ${i}`,
        platform: 'AliExpress',
      })),
    );
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'search riverstone',
      userId: ANALYST,
      channelId: CHANNEL,
    });
    const triage = await bot.slack.waitFor((r) => r.kind === 'post' && r.text.startsWith('Keyword search'));
    const groups = triage.blocks.filter(
      (b) => b.type === 'actions' && String(b.block_id).startsWith('search_pick_'),
    );
    expect(groups).toHaveLength(10);
    expect(triage.blocks.length).toBeLessThanOrEqual(50);
    expect(blockText(triage.blocks)).toContain('and 30 more listings');
    const upload = await bot.slack.waitFor((r) => r.kind === 'file_upload' && r.threadTs === triage.ts);
    expect(upload.files[0]?.name).toMatch(/\.csv$/);
  });

  it('when the portal cannot be reached, the person who searched is told privately what happened', async () => {
    const { TakedownError } = await import('../../src/core/errors.ts');
    bot.portal.failWith = new TakedownError('portal_unavailable', 'The portal did not answer.', {
      hint: 'Try again in a few minutes.',
    });
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'search riverstone',
      userId: ANALYST,
      channelId: CHANNEL,
    });
    expect((await privateNote(bot, ANALYST, (t) => t.includes('did not answer'))).text).toContain(
      'Try again',
    );
    expect(bot.posts()).toHaveLength(0);
  });
});

describe('/takedown ipr', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startBot();
  });
  afterEach(async () => {
    await bot.stop();
  });

  const validValues = (docs: string[], ids: string[]) => ({
    reg_no: 'TM-7777777',
    name: 'RIVERSTONE figurative mark',
    owner: 'Riverstone Knives Inc.',
    type: 'Trademark',
    valid_from: '2020-01-01',
    valid_to: '2030-01-01',
    documents: docs,
    identification: ids,
  });

  it('/takedown ipr lists the IPRs the portal shows, with their verification state', async () => {
    await bot.driver.slashCommand({ command: '/takedown', text: 'ipr', userId: ANALYST, channelId: CHANNEL });
    const note = await privateNote(bot, ANALYST);
    expect(note.text).toContain('TM-2485097');
    expect(note.text).toContain('verified');
  });

  it('ipr add opens the portal’s form with the business-licence warning; a file over 2 MB is refused in the form', async () => {
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'ipr add',
      userId: ANALYST,
      channelId: CHANNEL,
    });
    await bot.slack.waitFor((r) => r.kind === 'view_open');
    const view = openModal(bot, ANALYST, 'ipr_add');
    expect(blockText(view.blocks)).toContain('must match the name on your business licence');
    const big = bot.driver.pickFile({
      userId: ANALYST,
      filename: 'certificate.pdf',
      content: Buffer.alloc(2 * 1024 * 1024 + 1),
    });
    const licence = bot.driver.pickFile({
      userId: ANALYST,
      filename: 'licence.png',
      content: Buffer.from('png'),
    });
    const res = await bot.driver.submitView({
      viewId: view.id,
      userId: ANALYST,
      values: validValues([big.id], [licence.id]),
    });
    expect(res.body).toMatchObject({
      response_action: 'errors',
      errors: { documents: expect.stringContaining('at most 2 MB') },
    });
    expect(bot.portal.submittedIprs).toHaveLength(0);
  });

  it('a validity period that ends before it starts is refused in the form', async () => {
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'ipr add',
      userId: ANALYST,
      channelId: CHANNEL,
    });
    await bot.slack.waitFor((r) => r.kind === 'view_open');
    const view = openModal(bot, ANALYST, 'ipr_add');
    const doc = bot.driver.pickFile({ userId: ANALYST, filename: 'cert.pdf', content: 'pdf' });
    const res = await bot.driver.submitView({
      viewId: view.id,
      userId: ANALYST,
      values: { ...validValues([doc.id], [doc.id]), valid_from: '2030-01-01', valid_to: '2020-01-01' },
    });
    expect(res.body).toMatchObject({
      response_action: 'errors',
      errors: { valid_to: expect.stringContaining('after its start') },
    });
  });

  it('a valid IPR is submitted to the portal with its documents, and the requester is told when the portal verifies it', async () => {
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'ipr add',
      userId: ANALYST,
      channelId: CHANNEL,
    });
    await bot.slack.waitFor((r) => r.kind === 'view_open');
    const view = openModal(bot, ANALYST, 'ipr_add');
    const cert = bot.driver.pickFile({ userId: ANALYST, filename: 'cert.pdf', content: 'the certificate' });
    const licence = bot.driver.pickFile({ userId: ANALYST, filename: 'licence.jpg', content: 'the licence' });
    const res = await bot.driver.submitView({
      viewId: view.id,
      userId: ANALYST,
      values: validValues([cert.id], [licence.id]),
    });
    expect(res.status).toBe(200);
    const dm = await bot.slack.waitFor(
      (r) => r.kind === 'post' && r.channel === DM_ANALYST && r.text.includes('TM-7777777'),
    );
    expect(dm.text).toContain('submitted to the portal');
    expect(bot.portal.submittedIprs[0]?.ipr).toMatchObject({
      regNo: 'TM-7777777',
      type: 'Trademark',
      validFrom: '2020-01-01',
    });
    expect(bot.portal.submittedIprs[0]?.documents.map(String)).toEqual(['the certificate', 'the licence']);
    expect(findIpr(bot.db, 'TM-7777777')?.status).toBe('submitted');

    const ipr = bot.portal.iprs.find((i) => i.regNo === 'TM-7777777');
    if (ipr) ipr.status = 'verified';
    await bot.driver.slashCommand({
      command: '/takedown',
      text: 'ipr',
      userId: OUTSIDER,
      channelId: CHANNEL,
    });
    const verified = await bot.slack.waitFor(
      (r) => r.kind === 'post' && r.channel === DM_ANALYST && r.text.includes('verified IPR'),
    );
    expect(verified.text).toContain('TM-7777777');
  });
});
