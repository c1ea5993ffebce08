const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** Times are always shown in Shanghai time, whatever the browser's zone. */
export function shanghaiTime(iso: string): string {
  return TIME.format(new Date(iso));
}
