import { z } from 'zod';
import { KB_CATEGORIES, KB_CATEGORY_LABELS, kbArticleFieldsSchema, kbArticleIdSchema, kbCodeSchema, type KbArticle } from '../../../src-shared/contract/kb';
import { useKbSave } from '../../api/kb';
import { isVigilError } from '../../api/vigil-error';
import { Button } from '../../components/Button';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useContractForm } from '../../lib/forms';

/** "a, b, c" as a list, empty items left out. */
const commaList = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

const fields = {
  title: kbArticleFieldsSchema.shape.title,
  category: z.enum(KB_CATEGORIES),
  codes: z.string().transform((text, ctx) => {
    const codes = commaList(text);
    const wrong = codes.find((code) => !kbCodeSchema.safeParse(code).success);
    if (wrong) ctx.addIssue({ code: 'custom', message: `“${wrong}” is not an error code such as fhir_timeout` });
    return codes;
  }),
  tags: z.string().transform(commaList),
  body: kbArticleFieldsSchema.shape.body,
};
const editSchema = z.object(fields);
const createSchema = z.object({ id: kbArticleIdSchema, ...fields });

type Values = z.input<typeof createSchema>;

function valuesOf(article: KbArticle | null): Values {
  return {
    id: article?.id ?? '',
    title: article?.title ?? '',
    category: article?.category ?? 'troubleshooting',
    codes: article?.codes.join(', ') ?? '',
    tags: article?.tags.join(', ') ?? '',
    body: article?.body ?? '',
  };
}

/**
 * A new local article, or a new revision of one. The revision it was opened
 * at goes along: when someone saved since, nothing is overwritten and the
 * dialog says so, keeping the text typed.
 */
export function ArticleEditorDialog({ article, onClose, onSaved, onReload }: {
  article: KbArticle | null;
  onClose: () => void;
  onSaved: (saved: KbArticle) => void;
  /** Closes the editor on the newest revision, to edit that instead. */
  onReload: () => void;
}) {
  const save = useKbSave();
  const { formProps, field, formError } = useContractForm({
    schema: article ? editSchema.extend({ id: z.string() }) : createSchema,
    defaultValues: valuesOf(article),
    mutation: save,
  });
  const conflict = isVigilError(save.error, 'CONFLICT') && article !== null;
  return (
    <Dialog title={article ? `Edit “${article.title}”` : 'New article'} onClose={onClose} wide>
      <form
        {...formProps((input) => save.mutate(article ? { ...input, id: article.id, baseRevision: article.revision } : input, { onSuccess: onSaved }))}
        className="form"
        aria-label={article ? 'Edit article' : 'New article'}
      >
        {conflict ? (
          <Notice tone="error" title="Someone saved this article while you were editing">
            <p>
              Your changes were not saved, so theirs are not lost: you edited revision {article.revision}, and a newer one exists. Copy what you wrote, then open the newest revision and
              make your changes there.
            </p>
            <Button onClick={onReload}>Open the newest revision</Button>
          </Notice>
        ) : (
          formError && <Notice tone="error" title="The article was not saved">{formError}</Notice>
        )}
        {!article && <TextField label="Id" hint="Lower-case letters, digits, - and _, e.g. lab_interface_down" autoFocus {...field('id')} />}
        <TextField label="Title" autoFocus={article !== null} {...field('title')} />
        <div className="field-row">
          <SelectField label="Category" {...field('category')}>
            {KB_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {KB_CATEGORY_LABELS[c]}
              </option>
            ))}
          </SelectField>
          <TextField label="Error codes" hint="Comma-separated, e.g. fhir_timeout" {...field('codes')} />
          <TextField label="Tags" hint="Comma-separated" {...field('tags')} />
        </div>
        <TextAreaField label="Article (Markdown)" rows={14} className="kb-body-field" hint="Markdown; HTML is not shown." {...field('body')} />
        <FormDialogActions onCancel={onClose} pending={save.isPending}>
          {article ? 'Save revision' : 'Add article'}
        </FormDialogActions>
      </form>
    </Dialog>
  );
}
