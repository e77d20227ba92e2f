import { spawn } from 'node:child_process';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReportBytes } from '../../src/reports/check/check.js';
import { ReportReadError } from '../../src/reports/check/errors.js';
import { runReportCheckCommand } from '../../src/reports/report-check.command.js';
import { checkInWorker, closeCheckWorkers } from '../../src/reports/check/worker-check.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../helpers/app.js';
import { headingText, multipart } from './heading-text.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Issue 8, 1: a text of repeated headings sent to the checker stalled /healthz for 30 s (1.5 MB) and froze the
 * server for minutes (10 MB). Now the checker runs in a worker with limits and answers a Chinese 4xx, while
 * /healthz answers on a parallel connection in under 100 ms.
 */

function get(port: number, path: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** A child process that reads a payload from a file and, on `go()`, POSTs it to the checker over a real connection. */
function startUploader(
  port: number,
  file: string,
  headers: Record<string, string>,
): { ready: Promise<void>; go: () => Promise<{ statusCode: number; message: string }> } {
  const script = `
    const http = require('node:http');
    const payload = require('node:fs').readFileSync(${JSON.stringify(file)});
    process.stdin.once('data', () => {
      const req = http.request({ host: '127.0.0.1', port: ${port}, path: '/api/reports/check', method: 'POST', agent: false, headers: ${JSON.stringify(headers)} }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => { process.stdout.write(JSON.stringify({ statusCode: res.statusCode, body: Buffer.concat(chunks).toString('utf8') })); process.exit(0); });
      });
      req.on('error', (e) => { process.stderr.write(String(e)); process.exit(1); });
      req.end(payload);
    });
    process.stdout.write('ready');`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  const ready = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    ready,
    go: async () => {
      await ready;
      child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
      child.stdin.write('go');
      await exited;
      const r = JSON.parse(out) as { statusCode: number; body: string };
      return { statusCode: r.statusCode, message: (JSON.parse(r.body) as { message: string }).message };
    },
  };
}

describe('the checker under a hostile upload', () => {
  let t: TestApp;
  let staff: Client;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    // The read-only supervisor could do it too.
    staff = await signedIn(t.app, 'gkb');
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.server.address() as AddressInfo).port;
    // Warm the worker (the first start loads the checker's modules).
    await checkInWorker({ bytes: new TextEncoder().encode('某局2023年政府信息公开工作年度报告\n一、总体情况\n') }).catch(() => undefined);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await closeCheckWorkers();
  });

  for (const mb of [1.5, 10]) {
    it(`refuses ${mb} MB of repeated headings with a Chinese 4xx while /healthz keeps answering`, async () => {
      // The uploader is another process, as a browser is: its 10 MB payload is built and written off the server's
      // event loop (in this process it cost the server's loop its own copies and GC).
      const body = multipart({ file: Buffer.from(headingText(mb * 1e6)) });
      const dir = mkdtempSync(join(tmpdir(), 'gk-upload-'));
      const file = join(dir, 'payload.bin');
      writeFileSync(file, body.payload);
      const uploader = startUploader(port, file, {
        ...body.headers,
        'content-length': String(body.payload.length),
        cookie: [...staff.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-csrf-token': staff.csrf,
      });
      await uploader.ready;
      // The machine is shared (2 cores, several test runs): the probes' own time without an upload is the floor.
      const idle: number[] = [];
      for (let i = 0; i < 20; i++) {
        idle.push((await get(port, '/healthz')).ms);
        await sleep(10);
      }
      let done = false;
      const started = performance.now();
      const upload = uploader.go().finally(() => (done = true));
      const probes: number[] = [];
      // Parallel connection: probe /healthz every 10 ms while the upload is received, parsed and checked.
      while (!done && probes.length < 500) {
        const h = await get(port, '/healthz');
        expect(h.status).toBe(200);
        probes.push(h.ms);
        await sleep(10);
      }
      const res = await upload;
      const elapsed = performance.now() - started;
      expect([413, 422]).toContain(res.statusCode);
      expect(res.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(res.message).toMatch(/万字|超过/);
      expect(elapsed).toBeLessThan(30_000); // within the checker's time limit
      expect(probes.length).toBeGreaterThan(0);
      // 90 % of the probes (all but at least one) under 100 ms, the median under 50 ms, none over 1 s. Why not every
      // probe: at load 10 on 2 cores a thread doing nothing is descheduled for 40–200 ms now and then (measured:
      // gaps of that size in a 5 ms timer with no upload running), a 10 MB upload ends in a major GC of the test
      // process's heap (measured 96 ms, vitest's heap included), and with other suites running in parallel two
      // probes of 30 went over 100 ms (159 ms). So the slowest probes measure the machine, not the server. The bound
      // is raised to twice the idle probes' 90th percentile when the machine is that loaded; the maximum still
      // catches checking on the event loop (seconds to minutes). The costs removed (copying the upload into the
      // worker, seconds of line building before the character limit) are tested directly below.
      const floor = Math.max(100, 2 * percentile(idle, 0.9));
      const sorted = [...probes].sort((x, y) => y - x);
      const allowed = Math.max(1, Math.ceil(probes.length / 10));
      if (process.env.CHECKER_PROBES)
        console.log(
          `${mb} MB: ${probes.length} probes, median ${percentile(probes, 0.5).toFixed(0)} ms, slowest ${sorted
            .slice(0, 4)
            .map((x) => x.toFixed(0))
            .join('/')} ms; idle p90 ${percentile(idle, 0.9).toFixed(0)} ms; bound ${floor.toFixed(0)} ms; ${elapsed.toFixed(0)} ms in all`,
        );
      expect(
        sorted.filter((x) => x >= floor).length,
        `probes over ${floor.toFixed(0)} ms: ${sorted
          .slice(0, allowed + 1)
          .map((x) => x.toFixed(0))
          .join(', ')}`,
      ).toBeLessThanOrEqual(allowed);
      expect(percentile(probes, 0.5)).toBeLessThan(50);
      expect(sorted[0]!).toBeLessThan(1000);
    }, 90_000);
  }

  it("moves an upload's bytes to the worker instead of copying them on the event loop", async () => {
    // A 10 MB Buffer of its own (as the multipart parser collects an upload): copying it into the worker cost the
    // event loop ~100 ms; transferred, the caller's Buffer is left detached.
    const bytes = Buffer.concat([Buffer.from(headingText(2e6))]);
    expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
    const err = await checkInWorker({ bytes, maxChars: 400_000 }, {}, { transfer: true }).catch((e) => e);
    expect(err).toBeInstanceOf(ReportReadError);
    expect(bytes.byteLength).toBe(0);
    // A small Buffer cut from Node's shared pool is copied (moving it would detach the pool).
    const small = Buffer.from('某局2023年政府信息公开工作年度报告\n');
    await checkInWorker({ bytes: small }, {}, { transfer: true }).catch(() => undefined);
    expect(small.byteLength).toBeGreaterThan(0);
  }, 30_000);

  it('refuses 10 MB of plain text over the character limit before building its lines', async () => {
    const bytes = new TextEncoder().encode(headingText(10e6));
    const started = performance.now();
    const err = await checkReportBytes(bytes, { maxChars: 400_000 }).catch((e) => e);
    const ms = performance.now() - started;
    expect(err).toBeInstanceOf(ReportReadError);
    expect(err.code).toBe('too-large');
    // Measured 2.5–3 s when the limit was counted only after the text was split into lines and cells; now ~60 ms.
    expect(ms).toBeLessThan(1000);
  }, 30_000);

  it('stops a check over its time limit with a Chinese error (the text limit lifted)', async () => {
    const bytes = new TextEncoder().encode(headingText(1.5e6));
    const started = performance.now();
    const err = await checkInWorker({ bytes }, { timeoutMs: 300 }).catch((e) => e);
    expect(err).toBeInstanceOf(ReportReadError);
    expect(err.code).toBe('timeout');
    expect(err.message).toMatch(/检查超过.*秒仍未完成/);
    expect(performance.now() - started).toBeLessThan(3000);
  }, 30_000);

  it('the CLI refuses the same file with the same message and exit code 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-check-'));
    const file = join(dir, 'headings.txt');
    writeFileSync(file, headingText(1.5e6));
    const r = await runReportCheckCommand([file]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/万字/);
  }, 60_000);

  it('a real report still checks in the worker exactly as in process', async () => {
    const { readFileSync } = await import('node:fs');
    const bytes = new Uint8Array(readFileSync(new URL('../fixtures/reports/10_huaian_city_2024.txt', import.meta.url)));
    const inWorker = await checkInWorker({ bytes, fileName: 'r.txt' });
    const inProcess = await checkReportBytes(bytes, { fileName: 'r.txt' });
    expect(inWorker.report).toEqual(inProcess.report);
  }, 30_000);
});
