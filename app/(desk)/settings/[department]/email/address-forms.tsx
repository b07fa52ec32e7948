"use client";
import { Banner, Field, SelectField, useActionForm } from "../../../../_components/action-form";
import { Button, FormMessage } from "../../../../_components/ui";
import { addInboundAddressAction, setInboundAddressActiveAction } from "./actions";

type TypeOption = { id: string; name: string; requiredFields: number };

export function AddInboundAddressForm({ department, departmentId, types }: { department: string; departmentId: string; types: TypeOption[] }) {
  const { formProps, errors, banner, pending } = useActionForm(addInboundAddressAction, { resetOnSuccess: true });
  return (
    <form {...formProps} className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-start" noValidate>
      <input type="hidden" name="department" value={department} />
      <input type="hidden" name="departmentId" value={departmentId} />
      <Field id="inbound-address" name="address" type="email" label="Address" placeholder="facilities@example.com" maxLength={254} autoComplete="off" error={errors?.address} />
      <SelectField id="inbound-type" name="typeId" label="Files requests as" defaultValue="" error={errors?.typeId}>
        <option value="" disabled>Choose a request type</option>
        {types.map((t) => (
          <option key={t.id} value={t.id} disabled={t.requiredFields > 0}>
            {t.name}{t.requiredFields > 0 ? " (has required fields)" : ""}
          </option>
        ))}
      </SelectField>
      <div className="sm:pt-5">
        <Button type="submit" disabled={pending}>Add address</Button>
      </div>
      <div className="sm:col-span-3"><Banner state={banner} /></div>
    </form>
  );
}

export function ToggleInboundAddress({ department, id, address, active }: { department: string; id: string; address: string; active: boolean }) {
  const { state, pending, formProps } = useActionForm(setInboundAddressActiveAction);
  return (
    <form {...formProps} className="flex flex-col items-end">
      <input type="hidden" name="department" value={department} />
      <input type="hidden" name="addressId" value={id} />
      <input type="hidden" name="active" value={String(!active)} />
      <Button type="submit" variant="secondary" className="px-2.5 py-1 text-xs" disabled={pending}>
        {active ? "Turn off" : "Turn on"}<span className="sr-only"> {address}</span>
      </Button>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}
