import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectEmergency, findEmergency, type EmergencyNumber } from './emergency';
import { parseLabelledJsonl } from './labelled-examples';

const POSITIVES: [string, EmergencyNumber][] = [
  // 119: fire, explosion, gas
  ['快来人啊，我们楼下着火了，烟很大', '119'],
  ['三楼有户人家厨房起火了，火苗都窜出窗户了', '119'],
  ['楼道里电瓶车烧起来了，黑烟往上冒', '119'],
  ['我家闻到很浓的煤气味，可能是管道漏气了', '119'],
  ['隔壁饭店的液化气罐在漏气，味道很重', '119'],
  ['仓库那边失火了，火很大', '119'],
  ['天然气泄漏了，整个楼道都是味道', '119'],
  ['刚刚楼上爆炸了一声，现在冒浓烟', '119'],
  ['电动车在楼道里充电，充着充着起火了', '119'],
  ['楼道堆物太多，现在着火了', '119'],
  ['楼下着火了！！', '119'],
  // 120: medical
  ['我爸突然晕倒了，叫不醒', '120'],
  ['楼下有个老人倒在地上，不省人事', '120'],
  ['我老公心脏病发作了，喘不上气', '120'],
  ['有个小孩掉进河里了', '120'],
  ['路口有人被车撞了，流了好多血', '120'],
  ['家里老人摔倒了起不来', '120'],
  ['邻居家好像煤气中毒了，人都昏迷了', '120'],
  ['工人触电了，现在没有呼吸', '120'],
  ['我老婆羊水破了', '120'],
  ['有人吃了一瓶安眠药', '120'],
  // 110: crime in progress
  ['楼下有人在打架，拿着刀，快来', '110'],
  ['有人在抢劫，就在九亭大街那边', '110'],
  ['我家门被人撬开了，小偷现在还在里面', '110'],
  ['有人正在撬隔壁的门', '110'],
  ['小区门口一群人正在斗殴', '110'],
  ['有个男的拿刀砍人', '110'],
  ['隔壁男的在打老婆，一直在喊救命', '110'],
  ['有人要跳楼，站在楼顶上', '110'],
  ['刚才有人抢了我的包，往地铁站跑了', '110'],
];

const NEGATIVES: string[] = [
  // fire_safety hazards: a ticket, not a 119 call
  '我们楼的消防通道被杂物堵住了',
  '消防通道堵塞，车子都停在上面',
  '楼道里的灭火器过期了',
  '灭火器过期好几年了也没人换',
  '楼道堆物太多，万一着火了人都跑不出去',
  '电瓶车在楼道里充电，很容易引起火灾',
  '群租房乱拉电线，有火灾隐患',
  '燃气管道老化了，担心漏气',
  '小区上个月着过火，现在消防设施还是没修',
  '去年这里起火过一次，希望加强检查',
  '消防演练的时候假装着火',
  '楼道里没有灭火器，着火了怎么办',
  '烟感报警器坏了',
  '火灾报警器一直误报',
  '燃气灶的火苗很小',
  // words that look like an emergency but are not
  '我气炸了，物业根本不管',
  '轮胎漏气了，路上的钉子扎的',
  '燃气费怎么这么贵',
  '油烟呛得人喘不过气来',
  '烧烤店浓烟滚滚，熏得睡不着',
  '商场跳楼价大甩卖，喇叭太吵',
  '物业把我的信息泄露给了中介',
  '有人抢了我的车位',
  '树倒在地上，挡住了路',
  '手机掉进水里了',
  '路灯杆被车撞倒了',
  '轮胎也没气了，是不是没人要的车',
  // past, habitual or hypothetical
  '我爸中风好几年了，想问长护险',
  '游戏厅里经常有人打架闹事',
  '晚上有人在小区里撬车门，已经好几次了',
  '我被人骗了两千块，想问怎么报案',
  '去年我被车撞了，现在想问工伤',
  '这个路口经常发生车祸，有人被车撞过',
  '窨井盖不见了，有人差点掉下去',
  '如果有人晕倒了，社区有没有AED',
  '我想咨询心脏病的医保报销',
];

describe('detectEmergency', () => {
  it.each(POSITIVES)('flags %s → %s', (text, number) => {
    expect(detectEmergency(text)).toBe(number);
  });

  it.each(NEGATIVES)('does not flag %s', (text) => {
    expect(findEmergency(text)).toBeNull();
  });

  it('has enough cases of each kind', () => {
    expect(POSITIVES.length).toBeGreaterThanOrEqual(15);
    expect(NEGATIVES.length).toBeGreaterThanOrEqual(15);
    for (const number of ['110', '119', '120'] as const) {
      expect(POSITIVES.filter(([, n]) => n === number).length).toBeGreaterThanOrEqual(5);
    }
  });

  it('flags none of the ordinary hotline descriptions of the labelled data (incl. all fire_safety)', () => {
    for (const name of ['classifier-train.jsonl', 'classifier-eval.jsonl']) {
      const examples = parseLabelledJsonl(readFileSync(new URL(`../../db/data/${name}`, import.meta.url), 'utf8'));
      const flagged = examples.filter((example) => findEmergency(example.text) !== null);
      expect(flagged.map((example) => example.text)).toEqual([]);
    }
  });

  it('says which words fired, and puts fire before police before ambulance', () => {
    expect(findEmergency('楼上着火了，有人晕倒在里面')).toMatchObject({ number: '119', phrase: '着火' });
    expect(findEmergency('有人拿刀砍人，流了好多血')?.number).toBe('110');
    expect(findEmergency('燃气管道漏气了')).toMatchObject({ number: '119', phrase: '漏气' });
  });

  it('reads full-width text', () => {
    expect(detectEmergency('ｌｏｕ下着火了！')).toBe('119');
  });
});
