/** Issue 16.3: the operator's or supervisor's reason to keep an apparent emergency as an ordinary ticket. */
import { z } from 'zod';
import { requiredText } from './text';

export const ZEmergencyOverrideSchema = z.object(
  { reason: requiredText('不按紧急情况处理的理由', { min: 4, max: 500 }) },
  { error: '不按紧急情况处理的理由格式不正确' },
);
