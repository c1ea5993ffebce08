import { describe, expect, it } from 'vitest';
import { charNgrams, normalizeSegments, normalizeText } from './normalize-text';

describe('normalizeText', () => {
  it('folds full-width characters, collapses digits, drops punctuation and fillers', () => {
    expect(normalizeText('喂，你好！涞坊路１１１１弄　ＫＴＶ太吵了')).toBe('涞坊路0弄 ktv太吵');
    expect(normalizeSegments('楼上漏水，天花板湿了。')).toEqual(['楼上漏水', '天花板湿']);
  });

  it('counts character 1–3-grams per segment, never across a break', () => {
    const grams = charNgrams('路灯，坏');
    expect([...grams.keys()].sort()).toEqual(['坏', '灯', '路', '路灯'].sort());
    expect(charNgrams('漏漏').get('漏')).toBe(2);
  });
});
