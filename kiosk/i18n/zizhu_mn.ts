<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="mn_Mong_CN" sourcelanguage="zh_CN">
<context>
    <name>Zizhu</name>
    <message>
        <source>办件进度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>这是您的办件进度，可打印进度凭条或扫码查看</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印完成，请取走凭条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办件编号：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请人：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>承诺办结日期：%1（按工作日计算）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1年法定节假日安排尚未公布，办结日期请以窗口告知为准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办结日期请以窗口告知为准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>领取方式：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>需补正的材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不予受理理由：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印进度凭条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>返回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本终端暂停服务，请到人工窗口或其他终端办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请到人工窗口或其他自助终端办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>人工窗口：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>咨询电话：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>您还在吗？如需继续办理，请点击“继续”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>您还在吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 秒后将结束本次办理并清除您的信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>继续</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办事指南详情</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>这是该事项的办事指南，可打印一次性告知书或扫码查看</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事项类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>实施主体</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>受理条件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设定依据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>法定办结时限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>承诺办结时限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收费标准及依据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所需材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理流程</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理形式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理地点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>咨询方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>监督投诉方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印一次性告知书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办事指南</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请按部门或主题选择，或输入事项名称、拼音首字母查找</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在加载，请稍候…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事项名称或拼音首字母</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查找</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按主题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有找到相关事项，请换个说法或按部门查找</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>返回上一级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>24小时自助服务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>您好，请放置身份证，或点击要办理的业务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>您好，%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请将身份证放在感应区，或点击下方业务开始</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>读取身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办件查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>语言 / Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>中文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>蒙古文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>英文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>长辈模式：已开启</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>长辈模式：字更大</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>遇到问题请拨打咨询电话：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>演示：放置证件 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请将身份证放在感应区，不要移动</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>读取成功</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未能读取证件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请将身份证放在感应区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证件号码：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有效期至：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新读取</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择业务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>自助服务终端</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>清空</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在打印，请稍候…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>扫码查看</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>手机扫码查看，可随时查阅</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印暂不可用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入办件编号，或使用身份证查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在查询，请稍候…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办件编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用身份证查询我的办件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先在首页放置身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未查询到您的办件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按办件编号查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证件已过有效期，请到人工窗口办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证件信息校验失败，请到人工窗口办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>读卡失败，请取下证件后重新放置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本次业务已读取该证件，请取走证件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>身份证阅读器暂停使用，可用办件编号查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机未配置身份证阅读器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印纸已用完，请扫码查看</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印机暂停使用，请扫码查看</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机不能打印，请扫码查看</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印中断，请扫码查看，或到人工窗口领取</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印机无响应，请扫码查看，或到人工窗口领取</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未能打印，请扫码查看，或到人工窗口领取</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>业务系统响应超时，请稍后再试或到人工窗口办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>业务系统暂时无法访问，请稍后再试或到人工窗口办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未查询到相关信息，请核对后重试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办件编号应为6至24位数字，请核对后重新输入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先读取身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本终端暂停服务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>系统故障，暂停服务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已申请，待受理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已受理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审查中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>需补正材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已办结，待领取</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已办结，已领取</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不予受理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已撤回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>居民身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>港澳台居民居住证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>外国人永久居留身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂时无法办理，请到人工窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>朗读</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>首页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结束</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
