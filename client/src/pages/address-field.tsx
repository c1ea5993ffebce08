/**
 * 诉求地址 with the town's address list (PRODUCT.md §2, §5), made so that the option Enter takes is
 * always the one shown active (issue 16):
 * - rc-select makes active, unshown, the option whose value starts with the typed text ("九亭老"
 *   → 九亭老街), so ↓ then Enter took the second one. An option's value is its list entry's id,
 *   which no typed text starts with; picking it writes the entry's standard address.
 * - The list of the text before stays while the new answer is on its way (no blinking), but
 *   disabled: ↓ cannot land on an option that is about to change under it.
 * - Nothing is active until ↓; the active option is plainly marked (styles.css `.address-popup`).
 */
import { AutoComplete } from 'antd';
import { useState } from 'react';
import type { AddressOption } from './operator-suggest';

/** The value of an option: never the start of anything an operator types. */
const OPTION_PREFIX = 'address-entry:';

export interface AddressFieldProps {
  /** From Form.Item. */
  value?: string;
  onChange?: (address: string) => void;
  /** The list's entries for the text typed now, or the ones before while the answer is on its way. */
  options: AddressOption[];
  /** `options` answer the text typed now. */
  current: boolean;
}

/** Eight two-line options (≈ 46 px each) fit without a scroll bar. */
const ADDRESS_LIST_HEIGHT = 8 * 50;

export function AddressField({ value, onChange, options, current }: AddressFieldProps) {
  /** The list opens only while the address is being typed (answers may arrive after a Tab). */
  const [open, setOpen] = useState(false);
  const byValue = new Map(options.map((o) => [OPTION_PREFIX + o.id, o] as const));
  return (
    <AutoComplete
      id="address"
      maxLength={200}
      value={value ?? ''}
      defaultActiveFirstOption={false}
      // Eight two-line options: all of them in the page, none measured or recycled while ↓ moves.
      virtual={false}
      // …and all eight shown at once: a list that scrolls would need a tab stop of its own (WCAG 2.1.1).
      listHeight={ADDRESS_LIST_HEIGHT}
      classNames={{ popup: { root: 'address-popup' } }}
      open={open && options.length > 0}
      onSearch={() => setOpen(true)}
      onBlur={() => setOpen(false)}
      // Enter with nothing active, or Escape: the list closes and the text stays as typed.
      onOpenChange={(next) => {
        if (!next) setOpen(false);
      }}
      onChange={(text: string) => onChange?.(byValue.get(text)?.address ?? text)}
      onSelect={() => setOpen(false)}
      options={options.map((o) => ({
        value: OPTION_PREFIX + o.id,
        disabled: !current,
        label: <AddressOptionLabel option={o} />,
      }))}
    />
  );
}

function AddressOptionLabel({ option }: { option: AddressOption }) {
  return (
    <div className="address-option">
      <span>{option.name}</span>
      <span className="address-option-meta">
        {option.address} · {option.community.name}
      </span>
    </div>
  );
}
