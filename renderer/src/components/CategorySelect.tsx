import type { Category } from '../../../shared/contract/categories';

interface Props {
  label: string;
  /** The first option, for "no category" or "all categories". */
  emptyLabel: string;
  categories: Category[];
  value: number | null;
  onChange: (categoryId: number | null) => void;
}

export function CategorySelect({ label, emptyLabel, categories, value, onChange }: Props) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value ? Number(event.target.value) : null)}
      >
        <option value="">{emptyLabel}</option>
        {categories.map((category) => (
          <option key={category.id} value={category.id}>
            {category.name}
          </option>
        ))}
      </select>
    </label>
  );
}
