// Delivery ids are spelled in one module (src/delivery/ids.ts); the Redis ingest script builds
// the alert and update ids in Lua with the same shapes.
import { describe, expect, it } from 'vitest';
import { alertDeliveryId, digestDeliveryId, sourceNoticeId, updateCountOf, updateDeliveryId } from '../../../src/delivery/ids.js';
import { LUA_INGEST } from '../../../src/store/redis/lua-ingest.js';
import { retellingsOf } from '../../../src/pipeline/folds.js';

describe('delivery ids', () => {
  it('keeps the shapes replicas and stored outboxes rely on', () => {
    expect(alertDeliveryId('slack', 'C1', 'a1')).toBe('alert:slack:C1:a1');
    expect(updateDeliveryId('discord', 'D1', 'a1', 3)).toBe('update:discord:D1:a1:3');
    expect(sourceNoticeId('slack', 'C1', 'disabled', 'feed-x', 0)).toBe('notice:slack:C1:source-disabled:feed-x:0');
    expect(digestDeliveryId('slack', 'C1', 'weekly:2901')).toBe('digest:slack:C1:weekly:2901');
  });

  it('reads the retelling number back from an update id only', () => {
    expect(updateCountOf(updateDeliveryId('slack', 'C1', 'a:b', 7))).toBe(7);
    expect(updateCountOf(alertDeliveryId('slack', 'C1', 'a1'))).toBeNaN();
    const also = [1, 2, 3].map((i) => ({ source: `s${i}`, title: `t${i}`, link: `https://x/${i}` }));
    expect(retellingsOf({ id: updateDeliveryId('slack', 'C1', 'a1', 2), kind: 'update' }, also as never)).toEqual([also[1]]);
  });

  it('is what the Redis ingest script builds in Lua', () => {
    expect(LUA_INGEST).toContain("id = 'alert:'..t[1]..':'..t[2]..':'..e.id");
    expect(LUA_INGEST).toContain("id = 'update:'..plat..':'..ch..':'..dup..':'..count");
  });
});
