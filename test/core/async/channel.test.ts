import { describe, expect, it } from 'vitest';
import { Channel } from '../../../src/core/async/channel.js';

function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function collect<T>(channel: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of channel) out.push(item);
  return out;
}

describe('Channel', () => {
  it('yields items pushed before iteration starts, in order, then ends on close', async () => {
    const channel = new Channel<number>();
    channel.push(1);
    channel.push(2);
    channel.push(3);
    channel.close();
    expect(await collect(channel)).toEqual([1, 2, 3]);
  });

  it('yields items pushed before and after iteration starts, in order', async () => {
    const channel = new Channel<string>();
    channel.push('a');
    const seen: string[] = [];
    const done = (async () => {
      for await (const item of channel) seen.push(item);
    })();
    await flush();
    expect(seen).toEqual(['a']);
    channel.push('b');
    channel.push('c');
    await flush();
    expect(seen).toEqual(['a', 'b', 'c']);
    channel.push('d');
    channel.close();
    await done;
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
  });

  it('waits while empty and open', async () => {
    const channel = new Channel<number>();
    let finished = false;
    const done = collect(channel).then((items) => {
      finished = true;
      return items;
    });
    await flush();
    expect(finished).toBe(false);
    channel.close();
    expect(await done).toEqual([]);
    expect(finished).toBe(true);
  });

  it('ignores pushes after close', async () => {
    const channel = new Channel<number>();
    channel.push(1);
    channel.close();
    channel.push(2);
    expect(await collect(channel)).toEqual([1]);
  });

  it('fail rethrows after draining what was pushed', async () => {
    const channel = new Channel<number>();
    const seen: number[] = [];
    const error = new Error('scan failed');
    const done = (async () => {
      for await (const item of channel) seen.push(item);
    })();
    channel.push(1);
    await flush();
    channel.push(2);
    channel.fail(error);
    channel.push(3);
    await expect(done).rejects.toBe(error);
    expect(seen).toEqual([1, 2]);
  });

  it('keeps the first failure', async () => {
    const channel = new Channel<number>();
    const first = new Error('first');
    channel.fail(first);
    channel.fail(new Error('second'));
    await expect(collect(channel)).rejects.toBe(first);
  });

  it('closeAfter closes when the work resolves', async () => {
    const channel = new Channel<number>();
    channel.closeAfter(
      (async () => {
        channel.push(1);
        await flush();
        channel.push(2);
      })(),
    );
    expect(await collect(channel)).toEqual([1, 2]);
  });

  it('closeAfter fails when the work rejects, after yielding what it pushed', async () => {
    const channel = new Channel<number>();
    const error = new Error('work failed');
    channel.closeAfter(
      (async () => {
        channel.push(1);
        await flush();
        channel.push(2);
        throw error;
      })(),
    );
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const item of channel) seen.push(item);
      })(),
    ).rejects.toBe(error);
    expect(seen).toEqual([1, 2]);
  });

  it('carries many items without loss', async () => {
    const channel = new Channel<number>();
    const work = (async () => {
      for (let i = 0; i < 1000; i++) {
        channel.push(i);
        if (i % 100 === 0) await flush();
      }
    })();
    channel.closeAfter(work);
    const items = await collect(channel);
    expect(items).toHaveLength(1000);
    expect(items.every((value, index) => value === index)).toBe(true);
  });
});
