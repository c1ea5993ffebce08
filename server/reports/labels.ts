/** Names the server prints on reports (re-exported from shared, plus supervision types). */
export {
  categoryName,
  CATEGORY_NAMES,
  CLOCK_NAMES,
  SATISFACTION_NAMES,
  SOURCE_NAMES,
  TYPE_NAMES,
  NO_ADDRESS,
  UNRESOLVED_PLACE,
} from '../../shared/reports/labels';
import { SUPERVISION_LABELS } from '../../shared/supervision/types';

export const SUPERVISION_TYPE_NAMES = SUPERVISION_LABELS.type;
export const SUPERVISION_STATE_NAMES = SUPERVISION_LABELS.state;
