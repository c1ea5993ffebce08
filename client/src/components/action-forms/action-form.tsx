/**
 * One action as a form: submit, then either done (the ticket reloads, live screens follow) or
 * the server's Chinese refusal shown where it happened — on the field for bad input (400
 * fields), above the button for a rule (e.g. the return window closed).
 */
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Form, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../../lib/api';
import { errorText, fieldErrors } from '../../lib/error-text';
import { useI18n } from '../../lib/i18n';

/** `V`: the form's values as the action takes them (field names are the API's; the server validates). */
export interface ActionFormProps<V extends object = Record<string, unknown>> {
  /** data-testid of the form; the button is `<testId>-submit`, the error `<testId>-error`. */
  testId: string;
  /** What the success toast names. */
  actionLabel: string;
  submitLabel?: string;
  /** Sends the action (updating the cache with its answer); throws ApiError on refusal. */
  onSubmit(values: V, form: FormInstance<V>): Promise<unknown>;
  /** After success (and after a version conflict): reload the ticket. */
  onDone(): void;
  initialValues?: Record<string, unknown>;
  /** Shown instead of allowing the action (e.g. "退单时限已过…"). */
  disabledReason?: ReactNode;
  danger?: boolean;
  children?: ReactNode;
}

/** A fresh form after each success, so defaults such as "now" are taken anew. */
export function ActionForm<V extends object = Record<string, unknown>>(props: ActionFormProps<V>) {
  const [generation, setGeneration] = useState(0);
  return (
    <ActionFormBody
      key={generation}
      {...props}
      onSuccess={() => {
        setGeneration((g) => g + 1);
        props.onDone();
      }}
    />
  );
}

function ActionFormBody<V extends object>(props: ActionFormProps<V> & { onSuccess(): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<string | null>(null);
  const action = useMutation({
    mutationFn: (values: V) => props.onSubmit(values, form),
    onMutate: () => {
      setError(null);
      // The server's field messages of the last refusal go when the form is sent again (the fields have no rules that would clear them).
      form.setFields(form.getFieldsError().flatMap((f) => (f.errors.length ? [{ name: f.name as never, errors: [] }] : [])));
    },
    onSuccess: () => {
      message.success(t('form.done', { action: props.actionLabel }));
      props.onSuccess();
    },
    onError: (e) => {
      if (e instanceof ApiError) {
        // Unknown names are harmless: the message also shows above the button.
        form.setFields(fieldErrors(locale, e).map((f) => ({ ...f, name: f.name.split('.') as never })));
        setError(errorText(locale, e));
        // Someone else was faster: show their change, keep what this user typed.
        if (e.code === 'version_conflict') props.onDone();
      } else {
        setError(t('error.network'));
      }
    },
  });
  const busy = action.isPending;

  return (
    <Form
      form={form}
      layout="vertical"
      size="middle"
      className="action-form"
      data-testid={props.testId}
      initialValues={props.initialValues}
      onFinish={(v) => action.mutate(v)}
      onValuesChange={(changed: object) => {
        if (error) setError(null);
        // The server's word on a field stands until the field is edited (fields without rules keep it otherwise).
        form.setFields(pathsOf(changed).map((name) => ({ name: name as never, errors: [] })));
      }}
      disabled={Boolean(props.disabledReason) || busy}
    >
      {props.disabledReason && <Alert className="action-alert" type="warning" showIcon title={props.disabledReason} data-testid={`${props.testId}-blocked`} />}
      {props.children}
      {error && <Alert className="action-alert" type="error" showIcon title={error} data-testid={`${props.testId}-error`} />}
      <Button type="primary" htmlType="submit" loading={busy} danger={props.danger} data-testid={`${props.testId}-submit`} className="action-submit">
        {props.submitLabel ?? t('form.submit')}
      </Button>
    </Form>
  );
}

/** The paths of the values that changed: `{ a: { b: 1 } }` → `[['a', 'b']]` (arrays are one value). */
function pathsOf(values: object, prefix: string[] = []): string[][] {
  return Object.entries(values).flatMap(([key, v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !('$d' in v)
      ? pathsOf(v as object, [...prefix, key])
      : [[...prefix, key]],
  );
}
