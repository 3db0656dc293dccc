// The Create API Key page: the form, then the one-time token view. The token is never kept in webview state.
import '../shared/webview.css';
import './createApiKey.css';
import * as l10n from '@vscode/l10n';
import { connect, h } from '../shared/browser';
import { EMPTY_FORM, type FormState, type FormView, showForm } from './form';
import { FromWebview, ToWebview } from './messages';
import { showToken, type TokenView } from './token';

const app = document.getElementById('app')!;
let formView: FormView | undefined;
let tokenView: TokenView | undefined;

const connection = connect<ToWebview, FromWebview, FormState>({
  fromExtension: ToWebview,
  toExtension: FromWebview,
  onSetup() {
    if (!formView && !tokenView) app.replaceChildren(h('p', { class: 'hint' }, l10n.t('Loading the tenant’s API key settings…')));
  },
  onMessage(message) {
    switch (message.type) {
      case 'form':
        tokenView = undefined;
        formView = showForm(
          app,
          message,
          { ...EMPTY_FORM, ...connection.state() },
          connection.saveState,
          connection.post,
          connection.locale(),
        );
        break;
      case 'busy':
        formView?.setBusy(message.busy);
        break;
      case 'error':
        formView?.showError(message.field, message.message);
        break;
      case 'created':
        formView = undefined;
        // Nothing of the form is kept once the key exists.
        connection.saveState(EMPTY_FORM);
        tokenView = showToken(app, message, connection.locale(), (type) => connection.post({ type }));
        break;
      case 'revealed':
        tokenView?.reveal(message.token);
        break;
      case 'copied':
        tokenView?.copied(message.clearSeconds);
        break;
    }
  },
});
