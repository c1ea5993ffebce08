import { describe, expect, it } from 'vitest';
import { maskNames } from './mask-names';

describe('maskNames', () => {
  it('masks the names the record holds, also spaced out, and a three-character name’s given name', () => {
    expect(maskNames('我是张伟，张 伟的电话打不通', { names: ['张伟'] })).toBe('我是**，* *的电话打不通');
    expect(maskNames('欧阳娜娜反映，娜娜说', { names: ['欧阳娜娜'] })).toBe('****反映，**说');
    expect(maskNames('王建国反映：建国家门口', { names: [' 王建国 ', null, '', '李'] })).toBe('***反映：**家门口');
    expect(maskNames('Reported by John Smith', { names: ['john smith'] })).toBe('Reported by **** *****');
  });

  it('masks a common surname before a form of address', () => {
    expect(maskNames('张先生和王阿姨都说，刘师傅来修过')).toBe('*先生和*阿姨都说，*师傅来修过');
    // Not a surname: a preposition or an ordinary word before the form of address.
    expect(maskNames('我向老师反映过，物业老师也知道')).toBe('我向老师反映过，物业老师也知道');
  });

  it('masks a name after the words that introduce one, not what follows them otherwise', () => {
    expect(maskNames('我叫李明，住3楼')).toBe('我叫**，住3楼');
    expect(maskNames('姓名：赵小红；联系人 钱多')).toBe('姓名：***；联系人 **');
    expect(maskNames('我姓孙')).toBe('我姓*');
    expect(maskNames('联系人电话见上，姓名不详')).toBe('联系人电话见上，姓名不详');
  });

  it('leaves text without names as it is', () => {
    const text = '小区门口夜间施工噪声扰民，希望尽快处理';
    expect(maskNames(text, { names: ['张伟'] })).toBe(text);
  });
});
